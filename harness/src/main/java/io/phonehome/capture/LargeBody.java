package io.phonehome.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A request body too large to hold in memory, spooled to a temporary file while its HAR
 * was read ({@link HarStream}). {@link #open()} gives its bytes as sent (base64 undone
 * when the HAR said so), as often as needed; {@link #close()} deletes the file.
 */
public final class LargeBody implements Closeable {
  private final Path file;
  private final long spooledBytes;
  private final boolean base64;

  LargeBody(Path file, long spooledBytes, boolean base64) {
    this.file = file;
    this.spooledBytes = spooledBytes;
    this.base64 = base64;
  }

  /** The body's bytes as the phone sent them, read from the spool file. */
  public InputStream open() throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return base64 ? Base64.getMimeDecoder().wrap(in) : in;
  }

  /** The body's length as sent (for base64 in the HAR: its decoded length, estimated). */
  public long size() {
    return base64 ? spooledBytes / 4 * 3 : spooledBytes;
  }

  /** Whether the HAR held the body as base64. */
  public boolean base64() {
    return base64;
  }

  /** Reads the whole body into memory; only for bodies that fit in an array. */
  byte[] readAll() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }

  /** Deletes the spool file. */
  @Override
  public void close() {
    LargeStringDiverter.deleteQuietly(file);
  }
}
