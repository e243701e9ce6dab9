package io.phonehome.simulator.adb;

import io.phonehome.simulator.HostProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs Debian's {@code adb} client against the shared adb server, with a time limit. */
final class Adb {
  record Run(int exitCode, String output, byte[] bytes) {}

  private Adb() {}

  static Run run(Duration limit, String... args) throws IOException, InterruptedException {
    return run(limit, Path.of("/dev/null"), args);
  }

  /** Runs adb with {@code stdin} as its standard input. */
  static Run run(Duration limit, Path stdin, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = HostProgram.ADB.command(List.of(args));
    List<String> command = builder.command();
    Path log = Files.createTempFile("adb-", ".out");
    try {
      Process p = builder.redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(stdin.toFile())).start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + limit + ": "
                + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      }
      byte[] bytes = Files.readAllBytes(log);
      return new Run(p.exitValue(), new String(bytes, StandardCharsets.UTF_8), bytes);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Run run(String... args) throws IOException, InterruptedException {
    return run(Duration.ofSeconds(30), args);
  }

  /** {@code adb -s SERIAL shell LINE}. */
  static String shell(String serial, String line) throws IOException, InterruptedException {
    return run("-s", serial, "shell", line).output();
  }

  /** The state {@code adb devices} shows for a serial, or empty when it is not listed. */
  static String state(String serial) throws IOException, InterruptedException {
    for (String line : run("devices").output().split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 2 && cols[0].equals(serial)) {
        return cols[1];
      }
    }
    return "";
  }

  /** Connects and waits until the device is listed as {@code device}. */
  static void connect(String serial, Duration limit) throws Exception {
    run("start-server");
    run("connect", serial);
    await(limit, "adb devices to list " + serial + " as device", () -> {
      try {
        return state(serial).equals("device");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static void disconnect(String serial) {
    try {
      run(Duration.ofSeconds(10), "disconnect", serial);
    } catch (IOException | InterruptedException | IllegalStateException e) {
      System.err.println("adb disconnect " + serial + " failed: " + e.getMessage());
    }
  }

  /** Polls a condition every 200 ms until it holds; fails naming what was awaited. */
  static void await(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
