package io.phonehome.device;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and running the lab's command-line tools. */
public final class Tools {
  private Tools() {}

  /** A finished command: exit status (-1 when it timed out) and its combined output. */
  public record Result(int exitCode, String output) {
    public String lastLines(int n) {
      List<String> lines = output.lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
  }

  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs a command to completion (or the timeout), output captured. */
  public static Result run(Duration timeout, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = new Thread(() -> {
        try (InputStream in = p.getInputStream()) {
          out[0] = in.readAllBytes();
        } catch (IOException e) {
          out[0] = new byte[0];
        }
      }, "run-" + command[0]);
      reader.setDaemon(true);
      reader.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", command) + ": no answer within "
            + timeout.toSeconds() + " s");
      }
      reader.join(2000);
      return new Result(p.exitValue(),
          out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** Waits between polls of a condition (never as a readiness check by itself). */
  public static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
