package io.phonehome.simulator.shell;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
  private final PhoneState state;
  private final Runnable reboot;
  private final FileAccess access = new FileAccess();
  private final Map<String, Command> commands = new HashMap<>();
  private final Interpreter interpreter;

  public AndroidShell(VirtualHandset handset) {
    this(handset.state(), handset::reboot);
  }

  /** A shell over a state alone; {@code reboot} is what the {@code reboot} command does. */
  public AndroidShell(PhoneState state, Runnable reboot) {
    this.state = state;
    this.reboot = reboot;
    Builtins.register(commands);
    FileCommands.register(commands);
    SystemCommands.register(commands);
    this.interpreter = new Interpreter(this, commands);
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
    int status = interpreter.execute(commandLine, new Session(this, asRoot),
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

  /**
   * Adds a program that streams ({@link StreamingProgram}); {@code flush} reaches the adb
   * host at once when the command line runs under {@code adb exec-out}.
   */
  public void installStreaming(String name, StreamingProgram program) {
    synchronized (commands) {
      commands.put(name, (args, io, session) -> program.run(args, session.root(), new StreamingProgram.Terminal() {
        @Override
        public void write(byte[] bytes) {
          io.out().accept(bytes);
        }

        @Override
        public void flush() {
          if (io.out() instanceof java.io.Flushable f) {
            try {
              f.flush();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }

        @Override
        public void error(String line) {
          io.error(line);
        }

        @Override
        public boolean hangedUp() {
          return Thread.currentThread().isInterrupted();
        }
      }));
    }
  }

  /**
   * Runs a command line with its output (and errors) going straight to {@code terminal};
   * when that is also {@link java.io.Flushable}, streaming programs flush through it.
   */
  public int runStreaming(String commandLine, boolean asRoot, Consumer<byte[]> terminal) {
    return interpreter.execute(commandLine, new Session(this, asRoot), new Io(Io.NONE, terminal, terminal));
  }

  /**
   * Makes this the shell of an Android 8+ build as far as the tools that drive one need:
   * {@code [}/{@code test}, {@code exec}, and a {@code logcat} that follows the log
   * until its reader hangs up (without {@code -d}).
   */
  public void installToybox() {
    synchronized (commands) {
      ToyboxCommands.register(commands);
    }
  }

  /** A shell that keeps its state from one line to the next, for {@code adb shell} alone. */
  public InteractiveShell interactive() {
    return new InteractiveShell(this);
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

  Interpreter interpreter() {
    return interpreter;
  }
}

