package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.VirtualFs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What mksh does itself: {@code echo}, {@code cd}, {@code exit}, {@code sh}, {@code su}, ... */
final class Builtins {
  private static final String SH = Interpreter.SH;

  private Builtins() {}

  static void register(Map<String, Command> commands) {
    commands.put("echo", Builtins::echo);
    commands.put("true", (a, io, s) -> 0);
    commands.put("false", (a, io, s) -> 1);
    commands.put("exit", Builtins::exit);
    commands.put("cd", Builtins::cd);
    commands.put("pwd", (a, io, s) -> {
      io.println(s.cwd());
      return 0;
    });
    commands.put("export", Builtins::export);
    commands.put("sh", Builtins::sh);
    commands.put("su", Builtins::su);
  }

  private static int echo(List<String> args, Io io, Session s) {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      for (char c : args.get(i).substring(1).toCharArray()) {
        switch (c) {
          case 'n' -> newline = false;
          case 'e' -> escapes = true;
          default -> escapes = false;
        }
      }
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      text = text.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\\", "\\");
    }
    io.print(newline ? text + "\n" : text);
    return 0;
  }

  private static int exit(List<String> args, Io io, Session s) {
    int status = s.status();
    if (!args.isEmpty()) {
      try {
        status = Integer.parseInt(args.get(0)) & 0xff;
      } catch (NumberFormatException e) {
        io.error(SH + ": exit: " + args.get(0) + ": bad number");
        status = 1;
      }
    }
    s.exit(status);
    return status;
  }

  private static int cd(List<String> args, Io io, Session s) {
    String target = args.isEmpty() ? "/" : s.resolve(args.get(0));
    AndroidShell shell = s.shell();
    if (!shell.fs().isDirectory(target)) {
      io.error(SH + ": cd: " + (args.isEmpty() ? "/" : args.get(0)) + " - No such file or directory");
      return 2;
    }
    s.cd(target);
    return 0;
  }

  private static int export(List<String> args, Io io, Session s) {
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        s.set(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    return 0;
  }

  /** {@code sh -c 'LINE'}, {@code sh FILE}, or {@code sh} reading its input. */
  private static int sh(List<String> args, Io io, Session s) {
    return nested(args, io, s.child(s.root()), SH);
  }

  /**
   * {@code su -c 'LINE'}, {@code su 0 CMD ARGS...}, {@code su root CMD}, or {@code su}
   * reading its input: the command runs as root (the handset is rooted).
   */
  private static int su(List<String> args, Io io, Session s) {
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String a = rest.get(0);
      if (a.equals("0") || a.equals("root") || a.equals("-") || a.equals("-l")
          || a.equals("--login") || a.equals("--mount-master") || a.equals("-mm")) {
        rest.remove(0);
      } else {
        break;
      }
    }
    Session root = s.child(true);
    if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
      return root.shell().interpreter().runWords(rest, io, root);
    }
    return nested(rest, io, root, "su");
  }

  private static int nested(List<String> args, Io io, Session child, String name) {
    if (args.isEmpty()) {
      return child.shell().interpreter().execute(io.inText(), child, new Io(Io.NONE, io.out(), io.err()));
    }
    if (args.get(0).equals("-c")) {
      if (args.size() < 2) {
        io.error(name + ": -c: option requires an argument");
        return 1;
      }
      return child.shell().interpreter().execute(String.join(" ", args.subList(1, args.size())), child, io);
    }
    if (args.get(0).startsWith("-")) {
      io.error(name + ": " + args.get(0) + ": unknown option");
      return 1;
    }
    String path = child.resolve(args.get(0));
    Optional<VirtualFs.Entry> script = child.shell().fs().read(path);
    if (script.isEmpty()) {
      io.error(name + ": " + args.get(0) + ": No such file or directory");
      return 127;
    }
    return child.shell().interpreter().execute(new String(script.get().content(), StandardCharsets.UTF_8), child, io);
  }

}
