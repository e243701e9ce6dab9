package io.phonehome.simulator.shell;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A shell that reads one line at a time, as {@code adb shell} without a command gives it:
 * the working directory and variables carry from line to line, a bare {@code su} starts a
 * root shell and {@code exit} leaves it, and the prompt says who is in charge
 * ({@code shell@armani:/ $}, {@code root@armani:/ #}).
 */
public final class InteractiveShell {
  private static final Set<String> BARE_SU = Set.of("su", "su 0", "su root", "su -");

  private final AndroidShell shell;
  private final Deque<Session> sessions = new ArrayDeque<>();

  InteractiveShell(AndroidShell shell) {
    this.shell = shell;
    sessions.push(new Session(shell, false));
  }

  /** The prompt printed before each line. */
  public String prompt() {
    Session s = sessions.peek();
    String who = s.root() ? "root" : "shell";
    return who + "@" + shell.state().getprop("ro.product.device") + ":" + s.cwd()
        + (s.root() ? " # " : " $ ");
  }

  /** Whether the last {@code exit} left the outermost shell. */
  public boolean ended() {
    return sessions.isEmpty();
  }

  /** Runs one line and returns what it printed. */
  public byte[] line(String line) {
    String trimmed = line.trim();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    if (sessions.isEmpty() || trimmed.isEmpty()) {
      return output.toByteArray();
    }
    Session current = sessions.peek();
    if (BARE_SU.contains(trimmed)) {
      sessions.push(current.child(true));
      return output.toByteArray();
    }
    Consumer<byte[]> terminal = output::writeBytes;
    shell.interpreter().execute(line, current, new Io(Io.NONE, terminal, terminal));
    if (current.exited()) {
      Session left = sessions.pop();
      if (!sessions.isEmpty()) {
        sessions.peek().status(left.status());
      }
    }
    return output.toByteArray();
  }
}
