package io.phonehome.simulator.shell;

/** A command line the shell cannot parse; the message is what mksh prints after its name. */
final class ShellSyntaxException extends Exception {
  ShellSyntaxException(String message) {
    super(message);
  }
}
