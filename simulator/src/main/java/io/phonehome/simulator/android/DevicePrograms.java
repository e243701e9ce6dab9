package io.phonehome.simulator.android;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small system tools a UiAutomator2 driver calls: {@code appops}, {@code wm},
 * {@code input keyevent} and {@code cmd} (its {@code package}, {@code notification},
 * {@code deviceidle} and {@code appops} services).
 */
final class DevicePrograms {
  private static final int KEYCODE_HOME = 3;
  private static final int KEYCODE_BACK = 4;

  private DevicePrograms() {}

  /** {@code appops set|get|reset}: the modes are kept, per package and op. */
  static ShellProgram appops(AndroidFramework framework, Map<String, String> modes) {
    return (args, stdin, root) -> {
      if (args.size() >= 4 && args.get(0).equals("set")) {
        List<String> ops = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("--")).toList();
        if (ops.size() < 3 || framework.packages().get(ops.get(0)).isEmpty()) {
          return new ShellProgram.Output(new byte[0], "Error: Unknown package: " + (ops.isEmpty() ? "" : ops.get(0))
              + "\n", 255);
        }
        modes.put(ops.get(0) + " " + opName(ops.get(1)), ops.get(2));
        return ShellProgram.Output.text("", 0);
      }
      if (args.size() >= 2 && args.get(0).equals("get")) {
        StringBuilder b = new StringBuilder();
        String prefix = args.get(1) + " ";
        String wanted = args.size() > 2 ? opName(args.get(2)) : null;
        modes.forEach((k, v) -> {
          if (k.startsWith(prefix) && (wanted == null || k.equals(prefix + wanted))) {
            b.append(k.substring(prefix.length())).append(": ").append(v).append('\n');
          }
        });
        return ShellProgram.Output.text(b.length() == 0 ? "No operations.\n" : b.toString(), 0);
      }
      if (!args.isEmpty() && args.get(0).equals("reset")) {
        String prefix = args.size() > 1 ? args.get(args.size() - 1) + " " : "";
        modes.keySet().removeIf(k -> k.startsWith(prefix));
        return ShellProgram.Output.text("", 0);
      }
      return new ShellProgram.Output(new byte[0], "usage: appops set|get|reset [--user USER_ID] PACKAGE [OP] [MODE]\n", 1);
    };
  }

  /** {@code android:mock_location} and {@code MOCK_LOCATION} name the same op. */
  private static String opName(String op) {
    String o = op.startsWith("android:") ? op.substring("android:".length()) : op;
    return o.toUpperCase(java.util.Locale.ROOT);
  }

  static ShellProgram wm(Ui ui) {
    return (args, stdin, root) -> {
      String what = args.isEmpty() ? "" : args.get(0);
      return switch (what) {
        case "size" -> ShellProgram.Output.text("Physical size: " + Ui.WIDTH + "x" + Ui.HEIGHT + "\n", 0);
        case "density" -> ShellProgram.Output.text("Physical density: 440\n", 0);
        case "dismiss-keyguard" -> ShellProgram.Output.text("", 0);
        default -> new ShellProgram.Output(new byte[0], "usage: wm [subcommand] [options]\n", 1);
      };
    };
  }

  /** {@code input keyevent CODE...}: HOME and BACK move the screens; other keys change nothing shown. */
  static ShellProgram input(Ui ui) {
    return (args, stdin, root) -> {
      if (args.size() < 2 || !args.get(0).equals("keyevent")) {
        return new ShellProgram.Output(new byte[0], "Error: Unknown command: " + String.join(" ", args) + "\n", 1);
      }
      for (String key : args.subList(1, args.size())) {
        switch (key) {
          case "3", "KEYCODE_HOME" -> ui.home();
          case "4", "KEYCODE_BACK" -> ui.back();
          default -> {
            // power, wake-up, menu: the screen stays on and shows what it showed
          }
        }
      }
      return ShellProgram.Output.text("", 0);
    };
  }

  /** {@code cmd SERVICE ...}. */
  static ShellProgram cmd(ShellProgram packageManager, ShellProgram dumpsys, ShellProgram appops,
      Map<String, Boolean> notificationListeners) {
    return (args, stdin, root) -> {
      if (args.isEmpty()) {
        return ShellProgram.Output.text("cmd: No service specified; use -l to list all services\n", 20);
      }
      List<String> rest = args.subList(1, args.size());
      return switch (args.get(0)) {
        case "package" -> packageManager.run(rest, stdin, root);
        case "appops" -> appops.run(rest, stdin, root);
        case "deviceidle" -> dumpsys.run(args, stdin, root);
        case "notification" -> {
          if (rest.size() >= 2 && rest.get(0).equals("allow_listener")) {
            notificationListeners.put(rest.get(1), true);
            yield ShellProgram.Output.text("", 0);
          }
          if (rest.size() >= 2 && rest.get(0).equals("disallow_listener")) {
            notificationListeners.remove(rest.get(1));
            yield ShellProgram.Output.text("", 0);
          }
          yield new ShellProgram.Output(new byte[0], "Unknown command: " + String.join(" ", rest) + "\n", 255);
        }
        default -> ShellProgram.Output.text("Can't find service: " + args.get(0) + "\n", 20);
      };
    };
  }

  static Map<String, Boolean> listeners() {
    return new ConcurrentHashMap<>();
  }
}
