package io.phonehome.simulator.adb;

import io.phonehome.simulator.shell.FileAccess;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code sync:} service, version 1: STAT, LIST, SEND, RECV and QUIT, as adbd serves
 * them to {@code adb push}, {@code adb pull} and ddmlib's SyncService. It runs as the
 * shell user, so it writes only where {@link FileAccess} lets the shell user write.
 */
final class SyncService implements AdbService {
  static final int MAX_DATA = 64 * 1024;
  private static final int MAX_PATH = 1024;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;

  private final VirtualFs fs;
  private final FileAccess access;

  SyncService(VirtualFs fs, FileAccess access) {
    this.fs = fs;
    this.access = access;
  }

  @Override
  public void serve(AdbStream stream) throws IOException {
    serve(stream.input(), stream.output());
  }

  /** Serves requests until QUIT or the end of input; flushes before each wait for input. */
  void serve(InputStream input, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(input);
    while (true) {
      out.flush();
      byte[] id = new byte[4];
      try {
        in.readFully(id);
      } catch (EOFException e) {
        return;
      }
      String request = new String(id, StandardCharsets.US_ASCII);
      int length = readInt(in);
      if (request.equals("QUIT")) {
        return;
      }
      if (length < 0 || length > MAX_PATH) {
        fail(out, "path too long: " + Integer.toUnsignedString(length));
        return;
      }
      byte[] arg = new byte[length];
      in.readFully(arg);
      String path = new String(arg, StandardCharsets.UTF_8);
      switch (request) {
        case "STAT" -> stat(path, out);
        case "LIST" -> list(path, out);
        case "RECV" -> recv(path, out);
        case "SEND" -> {
          if (!send(path, in, out)) {
            return;
          }
        }
        default -> {
          fail(out, "unknown sync request '" + request + "'");
          return;
        }
      }
    }
  }

  private void stat(String path, OutputStream out) throws IOException {
    out.write(id("STAT"));
    int[] st = statOf(path);
    out.write(le(st[0], st[1], st[2]));
  }

  /** mode, size, mtime; all zero when the path does not exist, as adbd answers. */
  private int[] statOf(String path) {
    Optional<VirtualFs.Entry> file = fs.read(path);
    if (file.isPresent()) {
      VirtualFs.Entry e = file.get();
      return new int[] {S_IFREG | (e.mode() & 07777), e.content().length, (int) e.mtimeSeconds()};
    }
    if (fs.isDirectory(path)) {
      return new int[] {S_IFDIR | 0771, 4096, (int) (System.currentTimeMillis() / 1000)};
    }
    return new int[] {0, 0, 0};
  }

  private void list(String path, OutputStream out) throws IOException {
    String dir = VirtualFs.normalize(path);
    if (fs.isDirectory(dir)) {
      for (String name : fs.list(dir)) {
        int[] st = statOf(dir.equals("/") ? "/" + name : dir + "/" + name);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.write(id("DENT"));
        out.write(le(st[0], st[1], st[2], n.length));
        out.write(n);
      }
    }
    out.write(id("DONE"));
    out.write(le(0, 0, 0, 0));
  }

  private void recv(String path, OutputStream out) throws IOException {
    Optional<VirtualFs.Entry> file = fs.read(path);
    if (file.isEmpty()) {
      fail(out, fs.isDirectory(path) ? "Is a directory" : "No such file or directory");
      return;
    }
    byte[] content = file.get().content();
    for (int off = 0; off < content.length; off += MAX_DATA) {
      int len = Math.min(MAX_DATA, content.length - off);
      out.write(id("DATA"));
      out.write(le(len));
      out.write(content, off, len);
      out.flush();
    }
    out.write(id("DONE"));
    out.write(le(0));
  }

  /** Receives a file; false when it failed (adbd then ends the sync session). */
  private boolean send(String spec, DataInputStream in, OutputStream out) throws IOException {
    int comma = spec.lastIndexOf(',');
    String path = comma < 0 ? spec : spec.substring(0, comma);
    int mode = 0644;
    if (comma >= 0) {
      try {
        mode = Integer.parseInt(spec.substring(comma + 1)) & 07777;
      } catch (NumberFormatException e) {
        // adbd falls back to the default mode too
      }
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    int mtime;
    while (true) {
      byte[] id = new byte[4];
      in.readFully(id);
      String chunk = new String(id, StandardCharsets.US_ASCII);
      int length = readInt(in);
      if (chunk.equals("DONE")) {
        mtime = length;
        break;
      }
      if (!chunk.equals("DATA") || length < 0 || length > MAX_DATA) {
        fail(out, "invalid data message '" + chunk + "' of " + Integer.toUnsignedString(length)
            + " bytes");
        return false;
      }
      byte[] data = new byte[length];
      in.readFully(data);
      content.write(data);
    }
    Optional<String> denied = fs.isDirectory(path)
        ? Optional.of("Is a directory")
        : access.writeError(path, false);
    if (denied.isPresent()) {
      fail(out, "couldn't create file: " + denied.get());
      return false;
    }
    fs.write(path, content.toByteArray(), mode == 0 ? 0644 : mode);
    out.write(id("OKAY"));
    out.write(le(0));
    return true;
  }

  private static void fail(OutputStream out, String message) throws IOException {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    out.write(id("FAIL"));
    out.write(le(m.length));
    out.write(m);
    out.flush();
  }

  private static int readInt(DataInputStream in) throws IOException {
    byte[] b = new byte[4];
    in.readFully(b);
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static byte[] id(String id) {
    return id.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] le(int... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }
}
