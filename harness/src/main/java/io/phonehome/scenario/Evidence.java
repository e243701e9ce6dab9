package io.phonehome.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A device's evidence folder, kept across the tries of a retried test. */
final class Evidence {
  /** Folders of earlier tries start with this, and stay where they are. */
  static final String EARLIER = "before-retry-";

  private Evidence() {}

  /**
   * Moves everything in {@code dir} but earlier tries' folders into {@code dir/name}, with a
   * {@code why.txt} of {@code why}, so that the next provisioning starts an empty folder
   * and nothing written so far is overwritten.
   */
  static Path setAside(Path dir, String name, List<String> why) throws IOException {
    Path kept = Files.createDirectories(dir.resolve(name));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (!p.getFileName().toString().startsWith(EARLIER)) {
          Files.move(p, kept.resolve(p.getFileName()));
        }
      }
    }
    Files.write(kept.resolve("why.txt"), why, StandardCharsets.UTF_8);
    return kept;
  }
}
