package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.VirtualFs;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file tools of Android 4.x's toolbox: {@code ls}, {@code cat}, {@code rm}, {@code cp},
 * {@code mv}, {@code mkdir}, {@code chmod}, {@code touch}, with toolbox's error texts.
 */
final class FileCommands {
  private static final String NO_SUCH_FILE = "No such file or directory";
  private static final DateTimeFormatter LS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Taipei"));

  private FileCommands() {}

  static void register(Map<String, Command> commands) {
    commands.put("ls", FileCommands::ls);
    commands.put("cat", FileCommands::cat);
    commands.put("rm", FileCommands::rm);
    commands.put("cp", (a, io, s) -> copy(a, io, s, false));
    commands.put("mv", (a, io, s) -> copy(a, io, s, true));
    commands.put("mkdir", FileCommands::mkdir);
    commands.put("chmod", FileCommands::chmod);
    commands.put("touch", FileCommands::touch);
  }

  /** Splits leading {@code -xyz} flags off; returns the flag letters. */
  private static String flags(List<String> args, List<String> operands) {
    StringBuilder flags = new StringBuilder();
    boolean options = true;
    for (String a : args) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        flags.append(a.substring(1));
      } else {
        operands.add(a);
      }
    }
    return flags.toString();
  }

  private static int ls(List<String> args, Io io, Session s) {
    List<String> paths = new ArrayList<>();
    String flags = flags(args, paths);
    boolean longFormat = flags.contains("l");
    boolean dirItself = flags.contains("d");
    if (paths.isEmpty()) {
      paths.add(".");
    }
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : paths) {
      String path = s.resolve(given);
      if (!fs.exists(path)) {
        io.error(given + ": " + NO_SUCH_FILE);
        status = 1;
        continue;
      }
      if (fs.isDirectory(path) && !dirItself) {
        if (paths.size() > 1) {
          io.println(given + ":");
        }
        for (String name : fs.list(path)) {
          String child = path.equals("/") ? "/" + name : path + "/" + name;
          io.println(longFormat ? longLine(fs, child, name) : name);
        }
        if (paths.size() > 1) {
          io.println("");
        }
      } else {
        io.println(longFormat ? longLine(fs, path, given) : given);
      }
    }
    return status;
  }

  private static String longLine(VirtualFs fs, String path, String shown) {
    String[] owner = owner(path);
    Optional<VirtualFs.Entry> file = fs.read(path);
    if (file.isEmpty()) {
      return String.format("drwxr-xr-x %-8s %-8s          %s %s",
          owner[0], owner[1], LS_DATE.format(Instant.now()), shown);
    }
    VirtualFs.Entry e = file.get();
    return String.format("%s %-8s %-8s %8d %s %s", modeString(e.mode()), owner[0], owner[1],
        e.content().length, LS_DATE.format(Instant.ofEpochSecond(e.mtimeSeconds())), shown);
  }

  private static String[] owner(String path) {
    if (path.startsWith("/data/local/tmp/")) {
      return new String[] {"shell", "shell"};
    }
    if (path.startsWith("/sdcard/") || path.startsWith("/storage/")) {
      return new String[] {"root", "sdcard_r"};
    }
    return new String[] {"root", "root"};
  }

  static String modeString(int mode) {
    StringBuilder b = new StringBuilder("-");
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      b.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    }
    return b.toString();
  }

  private static int cat(List<String> args, Io io, Session s) {
    List<String> paths = new ArrayList<>();
    flags(args, paths);
    if (paths.isEmpty()) {
      io.out().accept(io.in());
      return 0;
    }
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : paths) {
      if (given.equals("-")) {
        io.out().accept(io.in());
        continue;
      }
      String path = s.resolve(given);
      Optional<VirtualFs.Entry> file = fs.read(path);
      if (file.isPresent()) {
        io.out().accept(file.get().content());
      } else {
        io.error("cat: " + given + ": " + (fs.isDirectory(path) ? "Is a directory" : NO_SUCH_FILE));
        status = 1;
      }
    }
    return status;
  }

  private static int rm(List<String> args, Io io, Session s) {
    List<String> paths = new ArrayList<>();
    String flags = flags(args, paths);
    boolean force = flags.contains("f");
    boolean recursive = flags.contains("r") || flags.contains("R");
    if (paths.isEmpty()) {
      io.error("usage: rm [-rR] [-f] <target>");
      return force ? 0 : 1;
    }
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : paths) {
      String path = s.resolve(given);
      String error = null;
      if (!fs.exists(path)) {
        error = force ? null : NO_SUCH_FILE;
      } else if (fs.isDirectory(path) && !recursive) {
        error = "Is a directory";
      } else {
        Optional<String> denied = s.shell().access().writeError(path, s.root());
        if (denied.isPresent()) {
          error = denied.get();
        } else if (fs.isDirectory(path)) {
          deleteTree(fs, path);
        } else {
          fs.delete(path);
        }
      }
      if (error != null) {
        io.error("rm failed for " + given + ", " + error);
        status = 1;
      }
    }
    return status;
  }

  private static void deleteTree(VirtualFs fs, String dir) {
    for (String name : fs.list(dir)) {
      String child = dir.equals("/") ? "/" + name : dir + "/" + name;
      if (fs.isDirectory(child)) {
        deleteTree(fs, child);
      } else {
        fs.delete(child);
      }
    }
  }

  private static int copy(List<String> args, Io io, Session s, boolean move) {
    String tool = move ? "mv" : "cp";
    List<String> paths = new ArrayList<>();
    flags(args, paths);
    if (paths.size() < 2) {
      io.error("usage: " + tool + " [-fp] source ... destination");
      return 1;
    }
    VirtualFs fs = s.shell().fs();
    String destGiven = paths.get(paths.size() - 1);
    String dest = s.resolve(destGiven);
    int status = 0;
    for (String given : paths.subList(0, paths.size() - 1)) {
      String src = s.resolve(given);
      Optional<VirtualFs.Entry> file = fs.read(src);
      if (file.isEmpty()) {
        io.error(tool + ": " + given + ": "
            + (fs.isDirectory(src) ? "is a directory (not copied)." : NO_SUCH_FILE));
        status = 1;
        continue;
      }
      String target = fs.isDirectory(dest) ? dest + "/" + src.substring(src.lastIndexOf('/') + 1)
          : dest;
      Optional<String> denied = s.shell().access().writeError(target, s.root());
      if (denied.isEmpty() && move) {
        denied = s.shell().access().writeError(src, s.root());
      }
      if (denied.isPresent()) {
        io.error(tool + ": " + target + ": " + denied.get());
        status = 1;
        continue;
      }
      fs.write(target, file.get().content(), file.get().mode());
      if (move && !target.equals(src)) {
        fs.delete(src);
      }
    }
    return status;
  }

  private static int mkdir(List<String> args, Io io, Session s) {
    List<String> paths = new ArrayList<>();
    String flags = flags(args, paths);
    boolean parents = flags.contains("p");
    if (paths.isEmpty()) {
      io.error("usage: mkdir [--mode=<mode>] <target>");
      return 1;
    }
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : paths) {
      String path = s.resolve(given);
      String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
      String error = null;
      if (fs.exists(path)) {
        error = parents && fs.isDirectory(path) ? null : "File exists";
      } else if (!parents && !fs.isDirectory(parent)) {
        error = NO_SUCH_FILE;
      } else {
        error = s.shell().access().writeError(path, s.root()).orElse(null);
        if (error == null) {
          fs.mkdirs(path);
        }
      }
      if (error != null) {
        io.error("mkdir failed for " + given + ", " + error);
        status = 255;
      }
    }
    return status;
  }

  private static int chmod(List<String> args, Io io, Session s) {
    List<String> operands = new ArrayList<>();
    flags(args, operands);
    if (operands.size() < 2) {
      io.error("Usage: chmod [-R] <MODE> <FILE>");
      return 10;
    }
    int mode;
    try {
      mode = Integer.parseInt(operands.get(0), 8);
    } catch (NumberFormatException e) {
      io.error("Bad mode");
      return 10;
    }
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : operands.subList(1, operands.size())) {
      String path = s.resolve(given);
      String error = null;
      if (!fs.exists(path)) {
        error = NO_SUCH_FILE;
      } else {
        error = s.shell().access().writeError(path, s.root()).orElse(null);
        if (error == null) {
          fs.chmod(path, mode & 07777);
        }
      }
      if (error != null) {
        io.error("Unable to chmod " + given + ": " + error);
        status = 10;
      }
    }
    return status;
  }

  private static int touch(List<String> args, Io io, Session s) {
    List<String> paths = new ArrayList<>();
    flags(args, paths);
    VirtualFs fs = s.shell().fs();
    int status = 0;
    for (String given : paths) {
      String path = s.resolve(given);
      Optional<String> denied = s.shell().access().writeError(path, s.root());
      if (denied.isPresent()) {
        io.error("touch: " + given + ": " + denied.get());
        status = 1;
        continue;
      }
      Optional<VirtualFs.Entry> e = fs.read(path);
      fs.write(path, e.map(VirtualFs.Entry::content).orElse(new byte[0]),
          e.map(VirtualFs.Entry::mode).orElse(0666));
    }
    return status;
  }
}
