package io.phonehome.simulator.shell;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The handset's {@code /system/bin/sh}, as {@code adb shell} reaches it on a rooted
 * Android 4.x phone: the shell user by default, root under {@code su}. It parses quoting,
 * {@code ;} {@code &&} {@code ||} {@code |} and redirections, and its programs print what
 * Android's print ({@code getprop}, {@code settings}, {@code pm list packages}, file tools).
 *
 * <pre>
 * Shell.Result r = handset.shell().run("settings get global http_proxy");
 * // r.output() is "null\n" until a proxy is set
 * </pre>
 */
public final class AndroidShell implements Shell {
  private static final String SH = "/system/bin/sh";

  private final PhoneState state;
  private final Runnable reboot;
  private final FileAccess access = new FileAccess();
  private final Map<String, Command> commands = new HashMap<>();

  public AndroidShell(VirtualHandset handset) {
    this(handset.state(), handset::reboot);
  }

  /** A shell over a state alone; {@code reboot} is what the {@code reboot} command does. */
  public AndroidShell(PhoneState state, Runnable reboot) {
    this.state = state;
    this.reboot = reboot;
    FileCommands.register(commands);
    SystemCommands.register(commands);
    commands.put("echo", AndroidShell::echo);
    commands.put("true", (a, io, s) -> 0);
    commands.put("false", (a, io, s) -> 1);
    commands.put("exit", AndroidShell::exit);
    commands.put("cd", AndroidShell::cd);
    commands.put("pwd", (a, io, s) -> {
      io.println(s.cwd());
      return 0;
    });
    commands.put("export", AndroidShell::export);
    commands.put("sh", this::sh);
    commands.put("su", this::su);
  }

  @Override
  public Result run(String commandLine) {
    return run(commandLine, false);
  }

  /** Runs a command line as root ({@code true}) or as the shell user. */
  public Result run(String commandLine, boolean asRoot) {
    BinaryResult r = runBinary(commandLine, asRoot);
    return new Result(new String(r.output(), StandardCharsets.UTF_8), r.exitCode());
  }

  /** What a command line prints, byte for byte, as {@code adb exec-out} carries it. */
  public record BinaryResult(byte[] output, int exitCode) {
    public BinaryResult {
      output = output.clone();
    }

    @Override
    public byte[] output() {
      return output.clone();
    }
  }

  /** Runs a command line and keeps its output as bytes (binary output stays intact). */
  public BinaryResult runBinary(String commandLine, boolean asRoot) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Consumer<byte[]> terminal = output::writeBytes;
    int status = execute(commandLine, new Session(this, asRoot),
        new Io(Io.NONE, terminal, terminal));
    return new BinaryResult(output.toByteArray(), status);
  }

  /**
   * Adds (or replaces) a program, reachable by its name and by {@code /system/bin/NAME}.
   * Its output goes where the command line sends standard output.
   */
  public void install(String name, ShellProgram program) {
    synchronized (commands) {
      commands.put(name, (args, io, session) -> {
        ShellProgram.Output r = program.run(args, io.in(), session.root());
        io.out().accept(r.stdout());
        io.printErr(r.stderr());
        return r.exitCode();
      });
    }
  }

  /** Who may write where; {@code adb push} asks the same as the shell's programs. */
  public FileAccess access() {
    return access;
  }

  PhoneState state() {
    return state;
  }

  VirtualFs fs() {
    return state.fs();
  }

  void reboot() {
    reboot.run();
  }

  int execute(String line, Session session, Io io) {
    Script script;
    try {
      script = ShellParser.parse(line);
    } catch (ShellSyntaxException e) {
      io.error(SH + ": " + e.getMessage());
      session.status(1);
      return 1;
    }
    for (Script.Step step : script.steps()) {
      boolean skip = (step.connector().equals("&&") && session.status() != 0)
          || (step.connector().equals("||") && session.status() == 0);
      if (skip) {
        continue;
      }
      int status = pipeline(step.pipeline(), session, io);
      if (!session.exited()) {
        session.status(status);
      }
      if (session.exited()) {
        break;
      }
    }
    return session.status();
  }

  private int pipeline(List<Script.Simple> commands, Session session, Io io) {
    byte[] in = io.in();
    int status = 0;
    for (int i = 0; i < commands.size(); i++) {
      boolean last = i == commands.size() - 1;
      ByteArrayOutputStream pipe = new ByteArrayOutputStream();
      Consumer<byte[]> out = last ? io.out() : pipe::writeBytes;
      status = simple(commands.get(i), session, new Io(in, out, io.err()));
      in = pipe.toByteArray();
      if (session.exited()) {
        break;
      }
    }
    return status;
  }

  private int simple(Script.Simple command, Session session, Io io) {
    List<String> args = new ArrayList<>();
    for (Script.Word w : command.words()) {
      String value = expand(w, session, io);
      if (!(value.isEmpty() && w.onlySubstitutions())) {
        args.add(value);
      }
    }
    Redirected r = redirect(command.redirects(), session, io);
    if (r.error().isPresent()) {
      io.error(SH + ": " + r.error().get());
      return 1;
    }
    int status;
    if (args.isEmpty()) {
      status = 0;
    } else {
      String name = args.get(0);
      for (String dir : List.of("/system/bin/", "/system/xbin/", "/sbin/")) {
        if (name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
          name = name.substring(dir.length());
        }
      }
      Command program;
      synchronized (commands) {
        program = commands.get(name);
      }
      if (program == null) {
        r.io().error(SH + ": " + args.get(0) + ": not found");
        status = 127;
      } else {
        status = program.run(List.copyOf(args.subList(1, args.size())), r.io(), session);
      }
    }
    r.finish().forEach(Runnable::run);
    return status;
  }

  /** A word's text; {@code $(...)} runs in a child shell and gives its output less trailing newlines. */
  private String expand(Script.Word word, Session session, Io io) {
    return word.expand(session::variable, line -> {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      execute(line, session.child(session.root()), new Io(Io.NONE, captured::writeBytes, io.err()));
      String out = captured.toString(StandardCharsets.UTF_8);
      return out.replaceAll("\n+$", "");
    });
  }

  private record Redirected(Io io, List<Runnable> finish, Optional<String> error) {}

  private Redirected redirect(List<Script.Redirect> redirects, Session session, Io io) {
    List<Consumer<byte[]>> fds = new ArrayList<>(List.of(b -> {}, io.out(), io.err()));
    byte[] in = io.in();
    List<Runnable> finish = new ArrayList<>();
    for (Script.Redirect r : redirects) {
      String target = expand(r.target(), session, io);
      while (fds.size() <= r.fd()) {
        fds.add(b -> {});
      }
      switch (r.op()) {
        case "<" -> {
          Optional<VirtualFs.Entry> file = fs().read(session.resolve(target));
          if (file.isEmpty()) {
            return new Redirected(io, finish,
                Optional.of("can't open " + target + ": No such file or directory"));
          }
          in = file.get().content();
        }
        case ">&" -> {
          if (target.equals("-")) {
            fds.set(r.fd(), b -> {});
          } else if (target.matches("\\d") && Integer.parseInt(target) < fds.size()) {
            fds.set(r.fd(), fds.get(Integer.parseInt(target)));
          } else {
            return new Redirected(io, finish, Optional.of(target + ": illegal file descriptor name"));
          }
        }
        default -> {
          if (target.equals("/dev/null")) {
            fds.set(r.fd(), b -> {});
            continue;
          }
          String path = session.resolve(target);
          Optional<String> denied = fs().isDirectory(path)
              ? Optional.of("Is a directory")
              : access.writeError(path, session.root());
          if (denied.isPresent()) {
            return new Redirected(io, finish,
                Optional.of("can't create " + target + ": " + denied.get()));
          }
          boolean append = r.op().equals(">>");
          byte[] before = append
              ? fs().read(path).map(VirtualFs.Entry::content).orElse(new byte[0])
              : new byte[0];
          int mode = fs().read(path).map(VirtualFs.Entry::mode).orElse(0666);
          fs().write(path, before, mode);
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          fds.set(r.fd(), buffer::writeBytes);
          finish.add(() -> {
            byte[] added = buffer.toByteArray();
            byte[] all = new byte[before.length + added.length];
            System.arraycopy(before, 0, all, 0, before.length);
            System.arraycopy(added, 0, all, before.length, added.length);
            fs().write(path, all, mode);
          });
        }
      }
    }
    return new Redirected(new Io(in, fds.get(1), fds.get(2)), finish, Optional.empty());
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
      text = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
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
  private int sh(List<String> args, Io io, Session s) {
    return nested(args, io, s.child(s.root()), SH);
  }

  /**
   * {@code su -c 'LINE'}, {@code su 0 CMD ARGS...}, {@code su root CMD}, or {@code su}
   * reading its input: the command runs as root (the handset is rooted).
   */
  private int su(List<String> args, Io io, Session s) {
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
      return commandWords(rest, io, root);
    }
    return nested(rest, io, root, "su");
  }

  private int nested(List<String> args, Io io, Session child, String name) {
    if (args.isEmpty()) {
      return execute(io.inText(), child, new Io(Io.NONE, io.out(), io.err()));
    }
    if (args.get(0).equals("-c")) {
      if (args.size() < 2) {
        io.error(name + ": -c: option requires an argument");
        return 1;
      }
      return execute(String.join(" ", args.subList(1, args.size())), child, io);
    }
    if (args.get(0).startsWith("-")) {
      io.error(name + ": " + args.get(0) + ": unknown option");
      return 1;
    }
    String path = child.resolve(args.get(0));
    Optional<VirtualFs.Entry> script = fs().read(path);
    if (script.isEmpty()) {
      io.error(name + ": " + args.get(0) + ": No such file or directory");
      return 127;
    }
    return execute(new String(script.get().content(), StandardCharsets.UTF_8), child, io);
  }

  /** Runs words already split (as {@code su 0 ls -l /data} gives them) without re-parsing. */
  private int commandWords(List<String> words, Io io, Session session) {
    List<Script.Word> ws = words.stream().map(Script.Word::literal).toList();
    int status = simple(new Script.Simple(ws, List.of()), session, io);
    session.status(status);
    return status;
  }
}
