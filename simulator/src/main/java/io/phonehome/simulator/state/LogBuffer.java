package io.phonehome.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines the handset's own parts log while it runs, for {@code logcat} to print; a
 * following {@code logcat} waits here for the next ones.
 */
public final class LogBuffer {
  /** One log line: when, which process and thread, priority letter, tag and message. */
  public record Line(Instant time, int pid, int tid, char priority, String tag, String message) {}

  private final List<Line> lines = new ArrayList<>();
  /** Lines dropped by {@link #clear()}: line {@code n} of all ever logged is {@code lines[n - cleared]}. */
  private long cleared;

  public synchronized void log(int pid, int tid, char priority, String tag, String message) {
    lines.add(new Line(Instant.now(), pid, tid, priority, tag, message));
    notifyAll();
  }

  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** How many lines were ever logged (cleared ones included): a position to wait from. */
  public synchronized long end() {
    return cleared + lines.size();
  }

  /**
   * The lines logged at or after position {@code from}, waiting up to {@code millis} for
   * one when there is none yet.
   *
   * @throws InterruptedException when the waiting thread is interrupted (its reader hung up)
   */
  public synchronized List<Line> await(long from, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (end() <= from) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return List.of();
      }
      wait(left);
    }
    int start = (int) Math.max(0, from - cleared);
    return List.copyOf(lines.subList(start, lines.size()));
  }

  /** {@code logcat -c}. */
  public synchronized void clear() {
    cleared += lines.size();
    lines.clear();
  }
}
