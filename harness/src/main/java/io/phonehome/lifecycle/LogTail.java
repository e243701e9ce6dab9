package io.phonehome.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a process log, for error messages: read from the end, not all of it. */
public final class LogTail {
  private static final int MAX_BYTES = 16_384;

  private LogTail() {}

  /** Up to {@code count} last non-blank lines of {@code log}; empty when it cannot be read. */
  public static List<String> of(Path log, int count) {
    if (!Files.isRegularFile(log)) {
      return List.of();
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - MAX_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      if (from > 0 && !lines.isEmpty()) {
        lines = lines.subList(1, lines.size()); // cut mid-line
      }
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }
}
