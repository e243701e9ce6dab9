package io.phonehome.simulator.shell;

import java.util.List;

/**
 * A program another part of the handset adds to its shell ({@code tcpdump},
 * {@code content}, {@code dumpsys}, ...): given its arguments (after its name), its
 * standard input and whether it runs as root, it returns its output and exit status.
 *
 * <pre>
 * shell.install("dumpsys", (args, stdin, root) -&gt; new Shell.Result("...\n", 0));
 * </pre>
 */
@FunctionalInterface
public interface ShellProgram {
  Shell.Result run(List<String> args, String stdin, boolean root);
}
