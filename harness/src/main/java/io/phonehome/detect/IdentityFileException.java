package io.phonehome.detect;

/** An identity file that cannot be used; the message names the file and line. */
public class IdentityFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdentityFileException(String message) {
    super(message);
  }

  public IdentityFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
