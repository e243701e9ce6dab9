package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.VirtualFs;
import java.util.List;
import java.util.Optional;

/**
 * Who may write where on the handset, as on a rooted user build: the shell user (adbd,
 * {@code adb push}) writes only to {@code /data/local/tmp} and the SD card; root writes
 * anywhere except {@code /system} until it is remounted read-write.
 */
public final class FileAccess {
  private static final List<String> SHELL_WRITABLE =
      List.of("/data/local/tmp", "/sdcard", "/storage", "/mnt/sdcard");

  private volatile boolean systemWritable;

  /** Whether {@code mount -o rw,remount /system} has been run (it lasts until the handset ends). */
  public boolean systemWritable() {
    return systemWritable;
  }

  public void remountSystem(boolean writable) {
    this.systemWritable = writable;
  }

  /**
   * Why writing {@code path} fails, as the errno text Android prints ("Read-only file
   * system", "Permission denied"), or empty when the write is allowed.
   */
  public Optional<String> writeError(String path, boolean root) {
    String p = VirtualFs.normalize(path);
    if (under(p, "/system")) {
      if (!systemWritable) {
        return Optional.of("Read-only file system");
      }
      return root ? Optional.empty() : Optional.of("Permission denied");
    }
    if (root) {
      return Optional.empty();
    }
    for (String dir : SHELL_WRITABLE) {
      if (under(p, dir) && !p.equals(dir)) {
        return Optional.empty();
      }
    }
    return Optional.of("Permission denied");
  }

  private static boolean under(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir + "/");
  }
}
