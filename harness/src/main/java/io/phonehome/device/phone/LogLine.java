package io.phonehome.device.phone;

import java.util.Objects;

/**
 * One {@code logcat -v threadtime} line.
 *
 * @param time {@code MM-dd HH:mm:ss.SSS} as the phone printed it (no year, phone's zone)
 * @param pid process id
 * @param tid thread id
 * @param level {@code V D I W E F A}
 * @param tag the log tag, without padding
 * @param message the rest of the line
 */
public record LogLine(String time, int pid, int tid, char level, String tag, String message) {
  public LogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(message, "message");
  }

  /** The line as logcat prints it (tags padded to 8), for evidence in a report. */
  @Override
  public String toString() {
    return String.format("%s %5d %5d %c %-8s: %s", time, pid, tid, level, tag, message);
  }
}
