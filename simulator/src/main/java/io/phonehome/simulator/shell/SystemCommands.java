package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.PhoneState;
import java.util.List;
import java.util.Map;

/**
 * Android's system programs: {@code getprop}, {@code setprop}, {@code id}, {@code whoami},
 * {@code mount}, {@code reboot}; {@code settings}, {@code pm} and {@code logcat} have
 * their own classes.
 */
final class SystemCommands {
  static final String SHELL_ID = "uid=2000(shell) gid=2000(shell) groups=2000(shell),1004(input),"
      + "1007(log),1011(adb),1015(sdcard_rw),1028(sdcard_r),3001(net_bt_admin),3002(net_bt),"
      + "3003(inet),3006(net_bw_stats) context=u:r:shell:s0";
  static final String ROOT_ID = "uid=0(root) gid=0(root) context=u:r:su:s0";

  private static final List<String> MOUNTS = List.of(
      "rootfs / rootfs ro,relatime 0 0",
      "tmpfs /dev tmpfs rw,nosuid,relatime,mode=755 0 0",
      "proc /proc proc rw,relatime 0 0",
      "sysfs /sys sysfs rw,relatime 0 0",
      "/dev/block/platform/msm_sdcc.1/by-name/system /system ext4 %s,relatime,data=ordered 0 0",
      "/dev/block/platform/msm_sdcc.1/by-name/userdata /data ext4 "
          + "rw,nosuid,nodev,relatime,noauto_da_alloc,data=ordered 0 0",
      "/dev/fuse /storage/emulated/0 fuse rw,nosuid,nodev,relatime,user_id=1023,group_id=1023 0 0");

  private SystemCommands() {}

  static void register(Map<String, Command> commands) {
    commands.put("getprop", SystemCommands::getprop);
    commands.put("setprop", SystemCommands::setprop);
    commands.put("id", SystemCommands::id);
    commands.put("whoami", (a, io, s) -> {
      io.println(s.root() ? "root" : "shell");
      return 0;
    });
    commands.put("mount", SystemCommands::mount);
    commands.put("reboot", (a, io, s) -> {
      s.shell().reboot();
      return 0;
    });
    commands.put("settings", new SettingsCommand());
    commands.put("pm", new PackageManagerCommand());
    commands.put("logcat", new LogcatCommand());
  }

  private static int getprop(List<String> args, Io io, Session s) {
    PhoneState state = s.shell().state();
    if (args.isEmpty()) {
      for (Map.Entry<String, String> p : state.props().entrySet()) {
        io.println("[" + p.getKey() + "]: [" + p.getValue() + "]");
      }
      return 0;
    }
    String value = state.getprop(args.get(0));
    if (value.isEmpty() && args.size() > 1) {
      value = args.get(1);
    }
    io.println(value);
    return 0;
  }

  private static int setprop(List<String> args, Io io, Session s) {
    if (args.size() != 2) {
      io.println("usage: setprop <key> <value>");
      return 1;
    }
    PhoneState state = s.shell().state();
    String key = args.get(0);
    boolean readOnly = key.startsWith("ro.") && !state.getprop(key).isEmpty();
    if (readOnly || key.isEmpty() || args.get(1).length() > 91) {
      io.error("could not set property");
      return 1;
    }
    state.setprop(key, args.get(1));
    return 0;
  }

  private static int id(List<String> args, Io io, Session s) {
    boolean root = s.root();
    String flags = String.join("", args);
    if (flags.contains("u")) {
      io.println(flags.contains("n") ? (root ? "root" : "shell") : (root ? "0" : "2000"));
    } else if (flags.contains("g")) {
      io.println(flags.contains("n") ? (root ? "root" : "shell") : (root ? "0" : "2000"));
    } else {
      io.println(root ? ROOT_ID : SHELL_ID);
    }
    return 0;
  }

  private static int mount(List<String> args, Io io, Session s) {
    FileAccess access = s.shell().access();
    if (args.isEmpty()) {
      for (String line : MOUNTS) {
        io.println(line.contains("%s") ? String.format(line, access.systemWritable() ? "rw" : "ro")
            : line);
      }
      return 0;
    }
    String options = "";
    String target = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") && i + 1 < args.size()) {
        options = options + "," + args.get(++i);
      } else if (a.equals("-t") && i + 1 < args.size()) {
        i++;
      } else if (a.startsWith("-o")) {
        options = options + "," + a.substring(2);
      } else if (!a.startsWith("-")) {
        target = a;
      }
    }
    List<String> opts = List.of(options.split(","));
    if (!s.root()) {
      io.error("mount: Operation not permitted");
      return 255;
    }
    if (!opts.contains("remount") || target == null) {
      io.error("mount: No such file or directory");
      return 255;
    }
    if (target.equals("/system")) {
      access.remountSystem(opts.contains("rw"));
    }
    return 0;
  }
}
