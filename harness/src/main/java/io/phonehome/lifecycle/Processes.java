package io.phonehome.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the processes the harness started. */
public final class Processes {
  private Processes() {}

  /**
   * Asks a process to end (SIGTERM), waits up to {@code grace}, then kills it and what
   * it started. Returns true when it had to be killed. Safe on a null or finished process.
   */
  public static boolean terminate(Process p, Duration grace) {
    if (p == null || !p.isAlive()) {
      return false;
    }
    p.destroy();
    try {
      if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
