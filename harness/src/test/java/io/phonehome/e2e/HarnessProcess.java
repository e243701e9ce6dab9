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

  static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Path root = root();
    String cp = root.resolve("harness/target/classes") + File.pathSeparator
        + root.resolve("harness/target/lib") + File.separator + "*";
    List<String> cmd = new ArrayList<>(List.of(
        "-Xmx768m", "-Djava.awt.headless=true", "-Dphonehome.root=" + root,
        "-cp", cp, "io.phonehome.cli.Main"));
    cmd.addAll(List.of(args));
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

  /** mitmdump processes whose command line mentions this folder. */
  static List<ProcessHandle> mitmdumpsUnder(Path dir) {
    String needle = dir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ph -> ph.info().commandLine().map(c -> c.contains("mitmdump") && c.contains(needle)).orElse(false))
        .toList();
  }
}
