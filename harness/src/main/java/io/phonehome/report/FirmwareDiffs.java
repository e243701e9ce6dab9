package io.phonehome.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The firmware comparisons of one run, written as firmware-diff.json at its end. */
public final class FirmwareDiffs {
  private static final List<FirmwareDiff> DIFFS = new ArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FirmwareDiffs() {}

  public static synchronized void record(FirmwareDiff diff) {
    DIFFS.add(diff);
  }

  public static synchronized void reset() {
    DIFFS.clear();
  }

  /** Writes one object for one device, an array for several; nothing when none compared builds. */
  public static synchronized boolean write(Path file) throws IOException {
    if (DIFFS.isEmpty()) {
      return false;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), DIFFS.size() == 1 ? DIFFS.get(0) : DIFFS);
    return true;
  }
}
