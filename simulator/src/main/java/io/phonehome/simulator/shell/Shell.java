package io.phonehome.simulator.shell;

/** Runs one Android shell command line, as {@code adb shell} and {@code mobile: shell} do. */
public interface Shell {
  /** Output as the phone's shell prints it (stdout and stderr interleaved) and exit status. */
  record Result(String output, int exitCode) {}

  Result run(String commandLine);
}
