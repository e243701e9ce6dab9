package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs parsed command lines: sequences, pipelines, expansions and redirections, and looks
 * programs up by name (also as {@code /system/bin/NAME}).
 */
final class Interpreter {
  static final String SH = "/system/bin/sh";

  private final AndroidShell shell;
  private final Map<String, Command> commands;

  Interpreter(AndroidShell shell, Map<String, Command> commands) {
    this.shell = shell;
    this.commands = commands;
  }

  private VirtualFs fs() {
    return shell.fs();
  }

  /** Deeper nesting is a script calling itself: mksh would run out of memory, this stops. */
  private static final int MAX_DEPTH = 32;

  int execute(String line, Session session, Io io) {
    if (session.depth() > MAX_DEPTH) {
      io.error(SH + ": too many nested shells");
      session.status(2);
      return 2;
    }
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
        status = guarded(program, args, r.io(), session);
      }
    }
    r.finish().forEach(Runnable::run);
    return status;
  }

  /** Runs a program; a fault in it is its own failure, as a crashing Android tool's would be. */
  private static int guarded(Command program, List<String> args, Io io, Session session) {
    try {
      return program.run(List.copyOf(args.subList(1, args.size())), io, session);
    } catch (RuntimeException e) {
      io.error(args.get(0) + ": " + e);
      System.err.println("shell: '" + String.join(" ", args) + "' failed: " + e);
      return 1;
    }
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
              : shell.access().writeError(path, session.root());
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

  /** Runs words already split (as {@code su 0 ls -l /data} gives them) without re-parsing. */
  int runWords(List<String> words, Io io, Session session) {
    List<Script.Word> ws = words.stream().map(Script.Word::literal).toList();
    int status = simple(new Script.Simple(ws, List.of()), session, io);
    session.status(status);
    return status;
  }
}
