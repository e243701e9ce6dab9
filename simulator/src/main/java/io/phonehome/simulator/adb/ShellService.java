package io.phonehome.simulator.adb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code shell:CMD} and {@code exec:CMD}: runs the command line and sends its output raw,
 * then closes. {@code shell:} alone is an interactive shell without a terminal: it reads
 * lines, answers each after a prompt, and ends at {@code exit} or end of input.
 */
final class ShellService implements AdbService {
  private final Function<String, byte[]> shell;
  private final String commandLine;
  private final String prompt;

  /** {@code shell} runs one command line and gives what it prints. */
  ShellService(Function<String, byte[]> shell, String commandLine, String prompt) {
    this.shell = shell;
    this.commandLine = commandLine;
    this.prompt = prompt;
  }

  @Override
  public void serve(AdbStream stream) throws IOException {
    OutputStream out = stream.output();
    if (!commandLine.isBlank()) {
      out.write(shell.apply(commandLine));
      return;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.input(), StandardCharsets.UTF_8));
    out.write(prompt.getBytes(StandardCharsets.UTF_8));
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals("exit") || line.trim().startsWith("exit ")) {
        return;
      }
      if (!line.isBlank()) {
        out.write(shell.apply(line));
      }
      out.write(prompt.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
