package io.phonehome.device;

import java.nio.file.Path;

/** devices.yaml cannot be used; the message names the file, line and field. */
public final class InventoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public InventoryException(Path file, int line, String field, String problem) {
    super(file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
  }
}
