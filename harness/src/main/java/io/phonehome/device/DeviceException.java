package io.phonehome.device;

/**
 * The phone could not be driven (gone, not answering, refused a command). A test that
 * ends on it is BROKEN, not FAILED: a red verdict must only ever mean the phone really
 * uploaded something.
 */
public class DeviceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeviceException(String message) {
    super(message);
  }

  public DeviceException(String message, Throwable cause) {
    super(message, cause);
  }
}
