package io.phonehome.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests computed independently of the detector, for building test flows. */
final class Digests {
  private Digests() {}

  static String hex(String algorithm, String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String md5(String text) {
    return hex("MD5", text);
  }

  static String sha1(String text) {
    return hex("SHA-1", text);
  }

  static String sha256(String text) {
    return hex("SHA-256", text);
  }
}
