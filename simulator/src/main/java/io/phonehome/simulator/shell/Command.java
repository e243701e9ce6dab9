package io.phonehome.simulator.shell;

import java.util.List;

/** One program of the handset's shell ({@code ls}, {@code settings}, ...). */
@FunctionalInterface
interface Command {
  /**
   * Runs with the arguments after the command's name and returns the exit status.
   */
  int run(List<String> args, Io io, Session session);
}
