package io.phonehome.simulator.net;

import java.io.IOException;

/** An upload that did not complete; the message is one line for the handset's log. */
public final class UploadFailure extends IOException {
  private static final long serialVersionUID = 1L;

  public UploadFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public UploadFailure(String message) {
    super(message);
  }
}
