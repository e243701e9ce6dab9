package io.phonehome.simulator.shell;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code logcat -d} in threadtime format: the lines a freshly booted handset logs. Without
 * {@code -d} it prints the same and ends, since a dump is all a caller can use here.
 */
final class LogcatCommand implements Command {
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

  @Override
  public int run(List<String> args, Io io, Session s) {
    if (args.contains("-c")) {
      cleared = true;
      return 0;
    }
    if (cleared) {
      return 0;
    }
    io.println("--------- beginning of /dev/log/main");
    LocalDateTime t = LocalDateTime.now(ZoneId.of("Asia/Taipei")).minusSeconds(LINES.length);
    for (int i = 0; i < LINES.length; i++) {
      String[] l = LINES[i];
      String pid = l[0].equals("0") ? "612" : l[0];
      String tid = l[1].equals("0") ? "631" : l[1];
      io.println(String.format("%s %5s %5s %s %-8s: %s",
          TIME.format(t.plusSeconds(i).plusNanos(i * 37_000_000L)), pid, tid, l[2], l[3], l[4]));
    }
    io.println("--------- beginning of /dev/log/system");
    return 0;
  }
}
