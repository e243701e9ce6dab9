package io.phonehome.e2e;

import io.phonehome.lifecycle.Program;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the harness the way {@code ./phonehome} does (its own JVM, the built classes and
 * runtime libraries), so end-to-end tests exercise exactly what a lab runs.
 */
final class HarnessProcess {
  /** A finished run: exit status and everything it printed. */
  record Result(int exitCode, String output) {}

  private HarnessProcess() {}

  static Path root() {
    return Path.of(System.getProperty("phonehome.root", "..")).toAbsolutePath().normalize();
  }

  private static List<String> command(String... args) {
    Path root = root();
    String cp = root.resolve("harness/target/classes") + File.pathSeparator
        + root.resolve("harness/target/lib") + File.separator + "*";
    List<String> cmd = new ArrayList<>(List.of(
        "-Xmx768m", "-Djava.awt.headless=true", "-Dphonehome.root=" + root,
        "-cp", cp, "io.phonehome.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = command(args);
    Path log = Files.createTempFile("phonehome-run", ".log");
    Process p = Program.JAVA.command(Path.of(System.getProperty("java.home"), "bin", "java"), cmd)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
        throw new AssertionError("phonehome " + String.join(" ", args) + " did not finish within "
            + timeoutSeconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(output);
      return new Result(p.exitValue(), output);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  /**
   * A harness run still going, for tests that break things in the middle of it: its
   * output is read as it grows, and it is killed at {@link #close()} if still running.
   */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Running(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    long pid() {
      return process.pid();
    }

    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits for a line containing {@code text}; returns that line. */
    String awaitLine(String text, long timeoutSeconds) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (System.nanoTime() < deadline) {
        for (String line : output().split("\n")) {
          if (line.contains(text)) {
            return line;
          }
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no line with '" + text + "' within " + timeoutSeconds + " s:\n" + output());
    }

    Result finish(long timeoutSeconds) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("the run did not finish within " + timeoutSeconds + " s:\n" + output());
      }
      String output = output();
      System.out.println(output);
      return new Result(process.exitValue(), output);
    }

    @Override
    public void close() throws IOException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  /** Starts the harness as {@link #run} does, without waiting for it. */
  static Running start(String... args) throws IOException {
    Path log = Files.createTempFile("phonehome-run", ".log");
    Process p = Program.JAVA.command(Path.of(System.getProperty("java.home"), "bin", "java"), command(args))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Running(p, log);
  }

  /** Processes other than guarding shells whose command line mentions {@code text}. */
  static List<ProcessHandle> processesMentioning(String text) {
    return ProcessHandle.allProcesses()
        .filter(ph -> ph.info().commandLine().map(c -> c.contains(text)).orElse(false))
        .filter(ph -> !ph.info().command().map(c -> c.endsWith("/sh") || c.endsWith("/dash")).orElse(false))
        .filter(ph -> ph.pid() != ProcessHandle.current().pid())
        .toList();
  }

  /** mitmdump processes whose command line mentions this folder. */
  static List<ProcessHandle> mitmdumpsUnder(Path dir) {
    String needle = dir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ph -> ph.info().commandLine().map(c -> c.contains("mitmdump") && c.contains(needle)).orElse(false))
        .toList();
  }
}
