package io.phonehome.simulator.shell;

import java.util.List;

/**
 * A program that runs until it is told to stop ({@code tcpdump -U -w -}, {@code logcat}
 * without {@code -d}): it writes as it goes and flushes when its output must reach the
 * host now. Under {@code adb exec-out} it ends when the host closes the stream: then
 * {@link Terminal#hangedUp()} turns true and writes fail with an
 * {@link java.io.UncheckedIOException}.
 */
@FunctionalInterface
public interface StreamingProgram {
  /** Runs with the arguments after its name and returns the exit status. */
  int run(List<String> args, boolean root, Terminal terminal);

  /** Where a streaming program's output goes. */
  interface Terminal {
    /** Standard output, bytes unchanged. */
    void write(byte[] bytes);

    /** Sends what was written so far to the reader (to the adb host under exec-out). */
    void flush();

    /** One line on standard error. */
    void error(String line);

    /** Whether the reader went away (the adb host closed the stream, or the thread was interrupted). */
    boolean hangedUp();
  }
}
