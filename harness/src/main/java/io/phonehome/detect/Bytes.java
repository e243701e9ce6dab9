package io.phonehome.detect;

import java.nio.charset.StandardCharsets;

/** Bytes carried as ISO-8859-1 strings: one char per byte, so matching is byte exact. */
final class Bytes {
  private Bytes() {}

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static byte[] ofLatin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The UTF-8 bytes of a Java string, as a byte string. */
  static String utf8(String text) {
    return latin1(text.getBytes(StandardCharsets.UTF_8));
  }
}
