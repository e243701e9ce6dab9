package io.phonehome.report;

import io.phonehome.device.Tools;
import io.phonehome.lifecycle.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Generates the HTML report from a run's Allure results with the Allure command line
 * (from Maven Central, unpacked under harness/target/allure at build time). Trends: the
 * previous report's {@code history/} is copied into the new results first.
 */
public final class AllureReport {
  private AllureReport() {}

  /** The Allure launcher script, when the build unpacked it. */
  public static Optional<Path> commandLine(Path root) {
    Path base = root.resolve("harness/target/allure");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(base)) {
      return dirs.map(d -> d.resolve("bin/allure")).filter(Files::isRegularFile).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code report} from {@code results}; returns the index page, or a one-line
   * reason why there is none.
   */
  public static Result generate(Path root, Path results, Path report, Optional<Path> previousReport) {
    Optional<Path> allure = commandLine(root);
    if (allure.isEmpty()) {
      return new Result(Optional.empty(), "Allure command line not found under "
          + root.resolve("harness/target/allure") + ": run 'mvn package' to unpack it");
    }
    previousReport.map(p -> p.resolve("history")).filter(Files::isDirectory)
        .ifPresent(h -> copyTree(h, results.resolve("history")));
    Tools.Result r = Tools.run(Duration.ofMinutes(3), Program.SH.command(allure.get().toString(),
        "generate", results.toString(), "-o", report.toString(), "--clean"));
    Path index = report.resolve("index.html");
    if (r.exitCode() != 0 || !Files.isRegularFile(index)) {
      return new Result(Optional.empty(), "allure generate failed (" + r.exitCode() + "): " + r.lastLines(3));
    }
    return new Result(Optional.of(index), "");
  }

  /**
   * Adds entries to the results' {@code environment.properties}, which the report shows
   * as its Environment; keys already there are kept unless given again.
   */
  public static void environment(Path results, java.util.Map<String, String> entries) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    Path file = results.resolve("environment.properties");
    java.util.Properties props = new java.util.Properties();
    if (Files.isRegularFile(file)) {
      try (java.io.Reader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
        props.load(in);
      }
    }
    props.putAll(entries);
    Files.createDirectories(results);
    try (java.io.Writer w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
      props.store(w, "phonehome run");
    }
  }

  /** The report's index page, or why there is none. */
  public record Result(Optional<Path> index, String problem) {}

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      // trends are a nicety; the report itself does not depend on them
    }
  }
}
