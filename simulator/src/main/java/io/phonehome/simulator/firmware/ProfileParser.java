package io.phonehome.simulator.firmware;

import java.io.IOException;
import java.nio.file.Path;

/** Reads firmware profiles (stub: replaced by the real parser). */
public final class ProfileParser {
  private ProfileParser() {}

  public static FirmwareProfile parse(Path file) throws IOException, ProfileException {
    throw new ProfileException(file, 1, "profile parser not built yet");
  }
}
