package io.phonehome.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a suite started from Maven or an IDE reads its lab from and writes its output:
 * {@code -Dphonehome.devices=devices.yaml -Dphonehome.run.dir=reports/x} (see {@link
 * Run#fromSystemProperties}); {@code ./phonehome run} gives its {@link Run} these itself.
 */
public final class RunContext {
  public static final String DEVICES_PROPERTY = "phonehome.devices";
  public static final String RUN_DIR_PROPERTY = "phonehome.run.dir";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunContext() {}

  /** The project root ({@code -Dphonehome.root}, else the working directory). */
  public static Path root() {
    return Path.of(System.getProperty("phonehome.root", ".")).toAbsolutePath().normalize();
  }

  public static Path devicesFile() {
    String p = System.getProperty(DEVICES_PROPERTY);
    return p == null ? root().resolve("devices.yaml") : Path.of(p).toAbsolutePath();
  }

  /** The run folder, made on first use: {@code -Dphonehome.run.dir}, else reports/&lt;timestamp&gt;. */
  public static Path runDir() {
    String p = System.getProperty(RUN_DIR_PROPERTY);
    Path dir = p != null ? Path.of(p) : root().resolve("reports").resolve(newRunName());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create run folder " + dir + ": " + e.getMessage(), e);
    }
    return dir.toAbsolutePath();
  }

  public static String newRunName() {
    return LocalDateTime.now().format(STAMP);
  }

  /** The lab's own folder beside devices.yaml (lab CA, proxy state); never committed. */
  public static Path labDir(Path devicesFile) {
    Path parent = devicesFile.toAbsolutePath().getParent();
    return (parent == null ? Path.of(".") : parent).resolve(".phonehome");
  }
}
