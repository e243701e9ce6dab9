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
  private final List<FirmwareDiff> diffs = new ArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public synchronized void record(FirmwareDiff diff) {
    diffs.add(diff);
  }

  /** Writes one object for one device, an array for several; nothing when none compared builds. */
  public synchronized boolean write(Path file) throws IOException {
    if (diffs.isEmpty()) {
      return false;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), diffs.size() == 1 ? diffs.get(0) : diffs);
    return true;
  }
}
