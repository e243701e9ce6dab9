package io.phonehome.simulator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The handset's file system: absolute paths to file contents, with directories implied
 * by the files under them plus those created explicitly. Enough for {@code ls}, {@code
 * cat}, {@code rm}, {@code cp}, {@code adb push} and the CA stores.
 */
public final class VirtualFs {
  /** Where Android keeps system CA certificates, one PEM per {@code <subject_hash_old>.0}. */
  public static final String SYSTEM_CA_DIR = "/system/etc/security/cacerts";
  /** Where Android keeps CA certificates the user added. */
  public static final String USER_CA_DIR = "/data/misc/user/0/cacerts-added";

  /** A file's bytes and mode. */
  public record Entry(byte[] content, int mode, long mtimeSeconds) {
    public Entry {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  private final TreeMap<String, Entry> files = new TreeMap<>();
  private final java.util.TreeSet<String> dirs = new java.util.TreeSet<>();

  public VirtualFs() {
    for (String d : List.of("/", "/data", "/data/local", "/data/local/tmp", "/sdcard", "/system",
        "/system/bin", "/system/etc", "/system/etc/security", SYSTEM_CA_DIR, "/data/misc",
        "/data/misc/user", "/data/misc/user/0", USER_CA_DIR, "/proc", "/sys", "/dev")) {
      dirs.add(d);
    }
  }

  public synchronized void write(String path, byte[] content, int mode) {
    String p = normalize(path);
    files.put(p, new Entry(content, mode, System.currentTimeMillis() / 1000));
    String parent = parent(p);
    while (parent != null && dirs.add(parent)) {
      parent = parent(parent);
    }
  }

  public synchronized Optional<Entry> read(String path) {
    return Optional.ofNullable(files.get(normalize(path)));
  }

  public synchronized boolean isDirectory(String path) {
    return dirs.contains(normalize(path));
  }

  public synchronized boolean exists(String path) {
    String p = normalize(path);
    return files.containsKey(p) || dirs.contains(p);
  }

  public synchronized boolean delete(String path) {
    return files.remove(normalize(path)) != null;
  }

  public synchronized void mkdirs(String path) {
    String p = normalize(path);
    while (p != null && dirs.add(p)) {
      p = parent(p);
    }
  }

  public synchronized boolean chmod(String path, int mode) {
    String p = normalize(path);
    Entry e = files.get(p);
    if (e == null) {
      return false;
    }
    files.put(p, new Entry(e.content(), mode, e.mtimeSeconds()));
    return true;
  }

  /** Names directly inside a directory, sorted; empty when it has none. */
  public synchronized List<String> list(String dir) {
    String d = normalize(dir);
    String prefix = d.equals("/") ? "/" : d + "/";
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (String p : files.keySet()) {
      if (p.startsWith(prefix)) {
        names.add(p.substring(prefix.length()).split("/", 2)[0]);
      }
    }
    for (String p : dirs) {
      if (p.startsWith(prefix) && p.length() > prefix.length()) {
        names.add(p.substring(prefix.length()).split("/", 2)[0]);
      }
    }
    return new ArrayList<>(names);
  }

  /** Files (not directories) directly inside a directory, by full path. */
  public synchronized Map<String, Entry> filesIn(String dir) {
    String prefix = normalize(dir) + "/";
    Map<String, Entry> out = new TreeMap<>();
    for (Map.Entry<String, Entry> e : files.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
      if (e.getKey().indexOf('/', prefix.length()) < 0) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Makes a path absolute and canonical ({@code .}, {@code ..}, repeated slashes). */
  public static String normalize(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String parent(String normalized) {
    if (normalized.equals("/")) {
      return null;
    }
    int slash = normalized.lastIndexOf('/');
    return slash == 0 ? "/" : normalized.substring(0, slash);
  }
}
