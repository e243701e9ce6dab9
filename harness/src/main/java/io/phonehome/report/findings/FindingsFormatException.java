package io.phonehome.report.findings;

/** A findings.json that does not follow the contract; the message names the file. */
public class FindingsFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FindingsFormatException(String message) {
    super(message);
  }
}
