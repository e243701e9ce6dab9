package io.phonehome.simulator.firmware;

import java.util.Arrays;
import java.util.Optional;

/** How a service compresses its whole body; sent as the {@code Content-Encoding} header. */
public enum ContentEncoding {
  IDENTITY("identity"),
  GZIP("gzip"),
  DEFLATE("deflate");

  private final String word;

  ContentEncoding(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** Compresses a body; identity returns it unchanged. */
  public byte[] encode(byte[] body) {
    return switch (this) {
      case IDENTITY -> body;
      case GZIP -> Transform.GZIP.apply(body, "");
      case DEFLATE -> Transform.DEFLATE.apply(body, "");
    };
  }

  public static Optional<ContentEncoding> of(String word) {
    return Arrays.stream(values()).filter(e -> e.word.equals(word)).findFirst();
  }
}
