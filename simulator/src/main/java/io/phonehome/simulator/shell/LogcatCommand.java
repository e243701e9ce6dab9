package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.LogBuffer;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code logcat -d} in threadtime format: the lines a freshly booted handset logs, then
 * what its parts logged since (the telephony stack's sent texts, for one). Without
 * {@code -d} it prints the same and ends, since a dump is all a caller can use here;
 * an Android 8+ handset's {@code logcat} ({@link #following()}) keeps printing what is
 * logged next until its reader hangs up, as the UiAutomator2 driver's capture expects.
 */
final class LogcatCommand implements Command {
  private static final long FOLLOW_SLICE_MS = 500;
  private static final ZoneId ZONE = ZoneId.of("Asia/Taipei");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS");
  private static final String[][] LINES = {
    {"0", "0", "I", "ActivityManager", "System now ready"},
    {"612", "631", "I", "ActivityManager", "Start proc com.android.systemui for service "
        + "com.android.systemui/.SystemUIService: pid=780 uid=10012 gids={50012, 1028}"},
    {"612", "625", "I", "PackageManager", "Scanning app dir /system/app"},
    {"780", "780", "D", "SystemUI", "Starting service: com.android.systemui.SystemUIService"},
    {"612", "640", "I", "ConnectivityService", "ConnectivityChange for WIFI: CONNECTED/CONNECTED"},
    {"612", "631", "I", "ActivityManager", "Start proc com.android.settings for activity "
        + "com.android.settings/.Settings: pid=1204 uid=1000 gids={41000, 1015, 1028, 3002, 3001, 3003}"},
    {"612", "653", "I", "BootReceiver", "Copying /proc/last_kmsg to DropBox (SYSTEM_LAST_KMSG)"},
    {"612", "625", "I", "ActivityManager", "Displayed com.android.settings/.Settings: +412ms"},
  };
  private volatile boolean cleared;
  private final boolean follow;

  /** A 4.x {@code logcat}, that dumps and ends. */
  LogcatCommand() {
    this(false);
  }

  private LogcatCommand(boolean follow) {
    this.follow = follow;
  }

  /** An Android 8+ {@code logcat}: without {@code -d} it follows the log. */
  static LogcatCommand following() {
    return new LogcatCommand(true);
  }

  @Override
  public int run(List<String> args, Io io, Session s) {
    LogBuffer buffer = s.shell().state().log();
    if (args.contains("-c")) {
      cleared = true;
      buffer.clear();
      return 0;
    }
    long end = buffer.end();
    List<LogBuffer.Line> logged = buffer.lines();
    if (cleared && logged.isEmpty()) {
      return follow && !args.contains("-d") ? follow(buffer, end, io) : 0;
    }
    io.println(follow ? "--------- beginning of main" : "--------- beginning of /dev/log/main");
    if (!cleared) {
      LocalDateTime t = LocalDateTime.now(ZONE).minusSeconds(LINES.length + 60L);
      for (int i = 0; i < LINES.length; i++) {
        String[] l = LINES[i];
        String pid = l[0].equals("0") ? "612" : l[0];
        String tid = l[1].equals("0") ? "631" : l[1];
        io.println(line(t.plusSeconds(i).plusNanos(i * 37_000_000L), pid, tid, l[2], l[3], l[4]));
      }
    }
    for (LogBuffer.Line l : logged) {
      io.println(format(l));
    }
    if (!cleared) {
      io.println(follow ? "--------- beginning of system" : "--------- beginning of /dev/log/system");
    }
    return follow && !args.contains("-d") ? follow(buffer, end, io) : 0;
  }

  /** Prints each line logged from {@code from} on, as it comes, until the reader hangs up. */
  private static int follow(LogBuffer buffer, long from, Io io) {
    long next = from;
    flush(io);
    try {
      while (!Thread.currentThread().isInterrupted()) {
        List<LogBuffer.Line> more = buffer.await(next, FOLLOW_SLICE_MS);
        for (LogBuffer.Line l : more) {
          io.println(format(l));
        }
        next += more.size();
        if (!more.isEmpty()) {
          flush(io);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.io.UncheckedIOException e) {
      // the reader went away while a line was on its way
    }
    return 0;
  }

  private static void flush(Io io) {
    if (io.out() instanceof java.io.Flushable f) {
      try {
        f.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** One logged line in threadtime format, as {@code logcat -v threadtime} prints it. */
  static String format(LogBuffer.Line l) {
    return line(LocalDateTime.ofInstant(l.time(), ZONE), Integer.toString(l.pid()), Integer.toString(l.tid()),
        String.valueOf(l.priority()), l.tag(), l.message());
  }

  private static String line(LocalDateTime time, String pid, String tid, String priority, String tag,
      String message) {
    return String.format("%s %5s %5s %s %-8s: %s", TIME.format(time), pid, tid, priority, tag, message);
  }
}
