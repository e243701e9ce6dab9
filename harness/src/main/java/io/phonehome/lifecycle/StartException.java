package io.phonehome.lifecycle;

/**
 * A part that could not be started. The message is one line a lab engineer can act on:
 * what was awaited, where, and the likely fix; {@link #details()} holds evidence such as
 * the last lines of the process log.
 */
public class StartException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String details;

  public StartException(String message) {
    this(message, "", null);
  }

  public StartException(String message, String details, Throwable cause) {
    super(message, cause);
    this.details = details == null ? "" : details;
  }

  public String details() {
    return details;
  }
}
