package io.phonehome.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

  /**
   * Runs a command ({@link io.phonehome.lifecycle.Program#command}) to completion (or the
   * timeout), standard error and output captured together.
   */
  public static Result run(Duration timeout, ProcessBuilder builder) {
    List<String> command = builder.command();
    try {
      Process p = builder.redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = new Thread(() -> {
        try (InputStream in = p.getInputStream()) {
          out[0] = in.readAllBytes();
        } catch (IOException e) {
          out[0] = new byte[0];
        }
      }, "run-" + command.get(0));
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
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
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
