package io.phonehome.simulator.adb;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.shell.InteractiveShell;
import io.phonehome.simulator.shell.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code shell:CMD} and {@code exec:CMD}: runs the command line and sends its output raw,
 * then closes. {@code shell:} alone is an interactive shell without a terminal: it reads
 * lines, answers each and prints a prompt, and ends when its outermost shell exits or
 * input ends.
 */
final class ShellService implements AdbService {
  private final Shell shell;
  private final String commandLine;

  ShellService(Shell shell, String commandLine) {
    this.shell = shell;
    this.commandLine = commandLine;
  }

  @Override
  public void serve(AdbStream stream) throws IOException {
    OutputStream out = stream.output();
    if (!commandLine.isBlank()) {
      if (shell instanceof AndroidShell android) {
        runUntilHangUp(android, stream);
      } else {
        out.write(shell.run(commandLine).output().getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    if (!(shell instanceof AndroidShell android)) {
      return;
    }
    InteractiveShell session = android.interactive();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.input(), StandardCharsets.UTF_8));
    out.write(session.prompt().getBytes(StandardCharsets.UTF_8));
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      out.write(session.line(line));
      if (session.ended()) {
        return;
      }
      out.write(session.prompt().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /**
   * Runs the command line with its output on the stream. A program that runs until
   * stopped ({@code tcpdump -U -w -}) learns that the host closed the stream by an
   * interrupt: a watcher reads the (otherwise unused) input until it ends.
   */
  private void runUntilHangUp(AndroidShell android, AdbStream stream) {
    Thread runner = Thread.currentThread();
    Object lock = new Object();
    boolean[] done = {false};
    Thread watcher = new Thread(() -> {
      try {
        byte[] skip = new byte[4096];
        while (stream.input().read(skip) >= 0) {
          // a command line under exec: reads no input; only its end matters
        }
      } catch (IOException e) {
        // the stream is gone: the same as its end
      }
      synchronized (lock) {
        if (!done[0]) {
          runner.interrupt();
        }
      }
    }, "adb-hangup-watch");
    watcher.setDaemon(true);
    watcher.start();
    try {
      android.runStreaming(commandLine, false, new HostTerminal(stream.output()));
    } catch (UncheckedIOException e) {
      // the host went away while output was on its way
    } finally {
      synchronized (lock) {
        done[0] = true;
      }
      // the pooled thread serves other streams next; a hang-up meant for this one ends here
      Thread.interrupted();
    }
  }

  /** Output to the adb stream, buffered until a flush (or the end of the command line). */
  private static final class HostTerminal implements java.util.function.Consumer<byte[]>, java.io.Flushable {
    private final OutputStream out;

    HostTerminal(OutputStream out) {
      this.out = out;
    }

    @Override
    public void accept(byte[] bytes) {
      try {
        out.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
