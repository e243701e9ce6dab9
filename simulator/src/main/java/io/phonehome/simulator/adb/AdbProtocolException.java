package io.phonehome.simulator.adb;

import java.io.IOException;

/** The host sent something that is not a well-formed adb message. */
public final class AdbProtocolException extends IOException {
  public AdbProtocolException(String message) {
    super(message);
  }

  public AdbProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
