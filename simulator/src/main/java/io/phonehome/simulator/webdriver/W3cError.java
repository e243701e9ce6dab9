package io.phonehome.simulator.webdriver;

/**
 * A WebDriver error as the W3C spec names it, with its HTTP status. Thrown anywhere in a
 * command; the server turns it into {@code {"value":{"error":..,"message":..}}}.
 */
public final class W3cError extends RuntimeException {
  private final String error;
  private final int status;

  public W3cError(String error, int status, String message) {
    super(message);
    this.error = error;
    this.status = status;
  }

  public String error() {
    return error;
  }

  public int status() {
    return status;
  }

  public static W3cError noSuchElement(String message) {
    return new W3cError("no such element", 404, message);
  }

  public static W3cError staleElement(String message) {
    return new W3cError("stale element reference", 404, message);
  }

  public static W3cError invalidSessionId(String message) {
    return new W3cError("invalid session id", 404, message);
  }

  public static W3cError unknownCommand(String message) {
    return new W3cError("unknown command", 404, message);
  }

  public static W3cError invalidArgument(String message) {
    return new W3cError("invalid argument", 400, message);
  }

  public static W3cError invalidSelector(String message) {
    return new W3cError("invalid selector", 400, message);
  }

  public static W3cError invalidElementState(String message) {
    return new W3cError("invalid element state", 400, message);
  }

  public static W3cError sessionNotCreated(String message) {
    return new W3cError("session not created", 500, message);
  }

  public static W3cError unknownError(String message) {
    return new W3cError("unknown error", 500, message);
  }
}
