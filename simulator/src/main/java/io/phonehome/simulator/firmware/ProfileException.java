package io.phonehome.simulator.firmware;

import java.nio.file.Path;

/** A firmware profile that cannot be used; the message names the file and line. */
public final class ProfileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProfileException(Path file, int line, String message) {
    super(file + ":" + line + ": " + message);
  }
}
