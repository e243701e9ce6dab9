package io.phonehome.detect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every needle for an identity: each form of each value as plain text, url-encoded,
 * base64 (with and without padding), base64url, hex, HEX, and md5/sha1/sha256 hex in
 * lower case (encoding {@code md5}) and upper case ({@code MD5}).
 */
final class Needles {
  private static final HexFormat HEX = HexFormat.of();

  private Needles() {}

  static List<Needle> of(IdentitySet identity) {
    List<Needle> needles = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (IdentityValue value : identity.values()) {
      if (value.value().length() < Forms.MIN_LENGTH) {
        continue;
      }
      for (Forms.Form form : Forms.of(value.identifier(), value.value())) {
        for (Needle needle : encodings(value, form)) {
          // the first way of writing a text wins, so plain beats a no-op url encoding
          if (seen.add(List.of(value.identifier(), needle.text()))) {
            needles.add(needle);
          }
        }
      }
    }
    return needles;
  }

  private static List<Needle> encodings(IdentityValue value, Forms.Form form) {
    byte[] bytes = form.text().getBytes(StandardCharsets.UTF_8);
    List<Needle> out = new ArrayList<>();
    java.util.function.BiConsumer<String, String> add =
        (encoding, text) -> out.add(new Needle(value, form.name(), encoding, text));
    add.accept("plain", Bytes.latin1(bytes));
    add.accept("url", URLEncoder.encode(form.text(), StandardCharsets.UTF_8));
    add.accept("url", URLEncoder.encode(form.text(), StandardCharsets.UTF_8).replace("+", "%20"));
    add.accept("base64", Base64.getEncoder().encodeToString(bytes));
    add.accept("base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
    add.accept("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    add.accept("base64url", Base64.getUrlEncoder().encodeToString(bytes));
    String hex = HEX.formatHex(bytes);
    add.accept("hex", hex);
    add.accept("HEX", hex.toUpperCase(Locale.ROOT));
    for (String algorithm : List.of("md5", "sha1", "sha256")) {
      String digest = HEX.formatHex(digest(algorithm, bytes));
      add.accept(algorithm, digest);
      add.accept(algorithm.toUpperCase(Locale.ROOT), digest.toUpperCase(Locale.ROOT));
    }
    return out;
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    String javaName = switch (algorithm) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      default -> "SHA-256";
    };
    try {
      return MessageDigest.getInstance(javaName).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + javaName, e);
    }
  }
}
