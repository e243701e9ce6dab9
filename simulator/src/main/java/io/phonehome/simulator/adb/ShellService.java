package io.phonehome.simulator.adb;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.shell.InteractiveShell;
import io.phonehome.simulator.shell.Shell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
      out.write(run(commandLine));
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

  private byte[] run(String line) {
    if (shell instanceof AndroidShell android) {
      return android.runBinary(line, false).output();
    }
    return shell.run(line).output().getBytes(StandardCharsets.UTF_8);
  }
}
