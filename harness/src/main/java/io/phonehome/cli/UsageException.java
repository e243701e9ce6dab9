package io.phonehome.cli;

/** A command line or input the harness cannot run with; the message is one line. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
