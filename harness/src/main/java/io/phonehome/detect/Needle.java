package io.phonehome.detect;

/**
 * One string the detector searches for: a form of a value under an encoding. The text
 * holds bytes as ISO-8859-1 characters so that it matches raw bodies byte for byte.
 */
record Needle(IdentityValue value, String form, String encoding, String text) {
  /** Shorter checksums (crc32) occur by chance inside other hex; they count only alone. */
  boolean mustStandAlone() {
    return encoding.endsWith("crc32");
  }
}
