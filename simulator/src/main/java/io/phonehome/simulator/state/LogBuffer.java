package io.phonehome.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lines the handset's own parts log while it runs, for {@code logcat -d} to print. */
public final class LogBuffer {
  /** One log line: when, which process and thread, priority letter, tag and message. */
  public record Line(Instant time, int pid, int tid, char priority, String tag, String message) {}

  private final List<Line> lines = new ArrayList<>();

  public synchronized void log(int pid, int tid, char priority, String tag, String message) {
    lines.add(new Line(Instant.now(), pid, tid, priority, tag, message));
  }

  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** {@code logcat -c}. */
  public synchronized void clear() {
    lines.clear();
  }
}
