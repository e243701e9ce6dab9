package io.phonehome.device.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines of {@code logcat -d} in the default {@code threadtime} format:
 *
 * <pre>
 * 11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=+886922000111 scAddr=null msgRef=3
 * </pre>
 *
 * Lines in another shape ({@code --------- beginning of main}, wrapped text) are skipped.
 */
public final class Logcat {
  private static final Pattern THREADTIME = Pattern.compile(
      "^(\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\s+(\\d+)\\s+(\\d+)\\s+([VDIWEFA])\\s+(.*?)\\s*: ?(.*)$");

  private Logcat() {}

  /** The threadtime lines of a {@code logcat -d} dump, in order. */
  public static List<LogLine> parse(String output) {
    List<LogLine> lines = new ArrayList<>();
    if (output == null) {
      return lines;
    }
    for (String line : output.split("\r?\n|\r")) {
      Matcher m = THREADTIME.matcher(line);
      if (m.matches()) {
        lines.add(new LogLine(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            m.group(4).charAt(0), m.group(5), m.group(6)));
      }
    }
    return List.copyOf(lines);
  }
}
