package io.phonehome.simulator.shell;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program another part of the handset adds to its shell ({@code tcpdump},
 * {@code content}, {@code dumpsys}, ...): given its arguments (after its name), its
 * standard input and whether it runs as root, it returns what it prints and its exit
 * status. Output is bytes: {@code adb exec-out tcpdump -w -} gets them unchanged.
 *
 * <pre>
 * shell.install("dumpsys", (args, stdin, root) -&gt; ShellProgram.Output.text("...\n", 0));
 * </pre>
 */
@FunctionalInterface
public interface ShellProgram {
  Output run(List<String> args, byte[] stdin, boolean root);

  /** Standard output (bytes), standard error (text) and exit status. */
  record Output(byte[] stdout, String stderr, int exitCode) {
    public Output {
      stdout = stdout.clone();
    }

    @Override
    public byte[] stdout() {
      return stdout.clone();
    }

    /** Text on standard output and nothing on standard error. */
    public static Output text(String stdout, int exitCode) {
      return new Output(stdout.getBytes(StandardCharsets.UTF_8), "", exitCode);
    }
  }
}
