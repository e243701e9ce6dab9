package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.StreamingProgram;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code am} of Android 8+: {@code start} and {@code start-activity} (with {@code -W},
 * {@code -S}, {@code -n}, {@code -a}, {@code -c}, {@code -f} and extras), {@code
 * force-stop}, {@code kill}, {@code broadcast}, and {@code instrument}, which with {@code
 * -w} stays open for as long as the instrumentation runs.
 */
final class ActivityManagerProgram implements StreamingProgram {
  private static final long WAIT_SLICE_MS = 200;

  private final AndroidFramework framework;

  ActivityManagerProgram(AndroidFramework framework) {
    this.framework = framework;
  }

  @Override
  public int run(List<String> args, boolean root, Terminal terminal) {
    if (args.isEmpty()) {
      print(terminal, "usage: am [subcommand] [options]\n");
      return 1;
    }
    List<String> rest = args.subList(1, args.size());
    ActivityManager am = framework.activities();
    switch (args.get(0)) {
      case "start", "start-activity" -> {
        return start(rest, terminal);
      }
      case "force-stop", "kill" -> {
        List<String> ops = operands(rest);
        if (ops.isEmpty()) {
          terminal.error("Error: no package specified");
          return 1;
        }
        if (args.get(0).equals("force-stop")) {
          am.forceStop(ops.get(ops.size() - 1));
        } else {
          am.processes().killByName(ops.get(ops.size() - 1));
        }
        return 0;
      }
      case "broadcast" -> {
        Intent intent = Intent.parse(rest);
        print(terminal, "Broadcasting: " + intent.describe(0x400000) + "\nBroadcast completed: result=0\n");
        return 0;
      }
      case "instrument" -> {
        return instrument(rest, terminal);
      }
      case "get-current-user" -> {
        print(terminal, "0\n");
        return 0;
      }
      default -> {
        terminal.error("Error: Unknown command: " + args.get(0));
        return 1;
      }
    }
  }

  private int start(List<String> args, Terminal terminal) {
    Intent intent = Intent.parse(args);
    ActivityManager am = framework.activities();
    print(terminal, "Starting: " + intent.describe(intent.flags) + "\n");
    String pkg = intent.pkg();
    if (pkg.isEmpty()) {
      print(terminal, "Error: Activity not started, unable to resolve " + intent.describe(intent.flags) + "\n");
      return 1;
    }
    if (intent.stopFirst) {
      am.forceStop(pkg);
    }
    long started = System.nanoTime();
    String activity;
    try {
      activity = am.startActivity(pkg, intent.cls());
    } catch (ActivityManager.StartException e) {
      print(terminal, "Error: " + e.getMessage() + "\n");
      return 1;
    }
    if (intent.await) {
      long took = Math.max(1, (System.nanoTime() - started) / 1_000_000) + 180;
      print(terminal, "Status: ok\nActivity: " + Packages.shortComponent(pkg, activity) + "\nThisTime: " + took
          + "\nTotalTime: " + took + "\nWaitTime: " + (took + 21) + "\nComplete\n");
    }
    return 0;
  }

  private int instrument(List<String> args, Terminal terminal) {
    boolean await = false;
    boolean raw = false;
    String component = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-w" -> await = true;
        case "-r" -> raw = true;
        case "-e" -> i += 2;
        case "--user", "-p", "--abi" -> i++;
        default -> {
          if (!a.startsWith("-")) {
            component = a;
          }
        }
      }
    }
    if (component == null) {
      terminal.error("Error: No instrumentation component specified");
      return 1;
    }
    ActivityManager am = framework.activities();
    ActivityManager.Handle handle;
    try {
      handle = am.instrument(component);
    } catch (ActivityManager.InstrumentException e) {
      print(terminal, "INSTRUMENTATION_STATUS: Error=" + e.getMessage() + "\nINSTRUMENTATION_STATUS_CODE: -1\n"
          + "android.util.AndroidException: INSTRUMENTATION_FAILED: " + component + "\n");
      return 1;
    }
    if (!await) {
      return 0;
    }
    terminal.flush();
    long startedAt = System.nanoTime();
    ActivityManager.Outcome outcome = ActivityManager.Outcome.RUNNING;
    try {
      while (outcome == ActivityManager.Outcome.RUNNING && !terminal.hangedUp()) {
        outcome = handle.await(WAIT_SLICE_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (outcome == ActivityManager.Outcome.RUNNING) {
      // the instrumenting shell went away (adb killed, the host hung up): so does the run
      handle.kill(am.processes());
      return 0;
    }
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    if (outcome == ActivityManager.Outcome.CRASHED) {
      print(terminal, "INSTRUMENTATION_RESULT: shortMsg=Process crashed.\nINSTRUMENTATION_CODE: 0\n");
      return 0;
    }
    String time = String.format(Locale.ROOT, "%.3f", seconds);
    if (raw) {
      print(terminal, "INSTRUMENTATION_RESULT: stream=\n\nTime: " + time + "\n\nOK (" + handle.tests() + " test"
          + (handle.tests() == 1 ? "" : "s") + ")\n\n\nINSTRUMENTATION_CODE: -1\n");
    } else {
      print(terminal, (handle.tests() > 0 ? "io.appium.uiautomator2.server.test.AppiumUiAutomator2Server:.\n" : "")
          + "\nTime: " + time + "\n\nOK (" + handle.tests() + " test" + (handle.tests() == 1 ? "" : "s") + ")\n\n\n");
    }
    return 0;
  }

  private static List<String> operands(List<String> args) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--user")) {
        i++;
      } else if (!args.get(i).startsWith("-")) {
        ops.add(args.get(i));
      }
    }
    return ops;
  }

  private static void print(Terminal terminal, String text) {
    terminal.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The intent {@code am start} and {@code am broadcast} build from their options. */
  static final class Intent {
    String action = "";
    final List<String> categories = new ArrayList<>();
    String component = "";
    String data = "";
    String packageArg = "";
    int flags;
    boolean await;
    boolean stopFirst;

    static Intent parse(List<String> args) {
      Intent in = new Intent();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        String next = i + 1 < args.size() ? args.get(i + 1) : "";
        switch (a) {
          case "-W" -> in.await = true;
          case "-S" -> in.stopFirst = true;
          case "-D", "-N", "--activity-clear-task", "--activity-new-task" -> {
            // debugging and task options change nothing the handset shows
          }
          case "-a" -> {
            in.action = next;
            i++;
          }
          case "-c" -> {
            in.categories.add(next);
            i++;
          }
          case "-n" -> {
            in.component = next.replace("\\$", "$");
            i++;
          }
          case "-d" -> {
            in.data = next;
            i++;
          }
          case "-f" -> {
            in.flags = parseFlags(next);
            i++;
          }
          case "-p", "--user", "-R", "-P", "--start-profiler", "--display", "--windowingMode", "--activityType" -> i++;
          case "-e", "--es", "--ez", "--ei", "--el", "--ef", "--eu", "--ecn", "--eia", "--ela", "--efa", "--esa" -> i += 2;
          default -> {
            if (!a.startsWith("-")) {
              in.packageArg = a;
            }
          }
        }
      }
      return in;
    }

    private static int parseFlags(String value) {
      try {
        return value.startsWith("0x") ? (int) Long.parseLong(value.substring(2), 16) : Integer.parseInt(value);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    String pkg() {
      int slash = component.indexOf('/');
      return slash > 0 ? component.substring(0, slash) : packageArg;
    }

    /** The class of {@code -n}, or empty (the launcher activity of the package given). */
    String cls() {
      int slash = component.indexOf('/');
      return slash > 0 ? component.substring(slash + 1) : "";
    }

    String describe(int shownFlags) {
      StringBuilder b = new StringBuilder("Intent {");
      if (!action.isEmpty()) {
        b.append(" act=").append(action);
      }
      if (!categories.isEmpty()) {
        b.append(" cat=[").append(String.join(",", categories)).append(']');
      }
      if (!data.isEmpty()) {
        b.append(" dat=").append(data);
      }
      if (shownFlags != 0) {
        b.append(" flg=0x").append(Integer.toHexString(shownFlags));
      }
      if (!component.isEmpty()) {
        String pkg = pkg();
        b.append(" cmp=").append(Packages.shortComponent(pkg, Packages.qualify(pkg, cls())));
      } else if (!packageArg.isEmpty()) {
        b.append(" pkg=").append(packageArg);
      }
      return b.append(" }").toString();
    }
  }
}
