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
 * base64 (with and without padding), base64url, base32, base58, hex, HEX, rot13, html
 * character references, JSON escapes, crc32 hex, and md5/sha1/sha256/sha512 hex in lower
 * case (encoding {@code md5}) and upper case ({@code md5+upper}).
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
        (encoding, text) -> out.add(new Needle(value, form.name(), chain(form.chain(), encoding), text));
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
    add.accept("base32", base32(bytes, true));
    add.accept("base32", base32(bytes, false));
    add.accept("base58", base58(bytes));
    add.accept("rot13", rot13(form.text()));
    add.accept("html", html(form.text()));
    String json = json(form.text());
    add.accept("json", json);
    add.accept("json", json.toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    add.accept("crc32", String.format("%08x", crc.getValue()));
    for (String algorithm : List.of("md5", "sha1", "sha256", "sha512")) {
      String digest = HEX.formatHex(digest(algorithm, bytes));
      add.accept(algorithm, digest);
      add.accept(algorithm + "+upper", digest.toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** The form's transforms, then the encoding's; {@code plain} when there are none. */
  static String chain(String formChain, String encoding) {
    if (formChain.isEmpty()) {
      return encoding;
    }
    return encoding.equals("plain") ? formChain : formChain + "+" + encoding;
  }

  /** Base58 in the Bitcoin alphabet, leading zero bytes as {@code 1}. */
  static String base58(byte[] bytes) {
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    java.math.BigInteger n = new java.math.BigInteger(1, bytes);
    java.math.BigInteger radix = java.math.BigInteger.valueOf(58);
    StringBuilder out = new StringBuilder();
    while (n.signum() > 0) {
      java.math.BigInteger[] qr = n.divideAndRemainder(radix);
      out.append(alphabet.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      out.append('1');
    }
    return out.reverse().toString();
  }

  /** RFC 4648 base32, upper case. */
  static String base32(byte[] bytes, boolean padded) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    while (padded && out.length() % 8 != 0) {
      out.append('=');
    }
    return out.toString();
  }

  static String rot13(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        out.append((char) ('a' + (c - 'a' + 13) % 26));
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) ('A' + (c - 'A' + 13) % 26));
      } else {
        out.append(c);
      }
    }
    return Bytes.utf8(out.toString());
  }

  /** Every character as a decimal character reference, as the firmware's html transform writes it. */
  static String html(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
    return out.toString();
  }

  /** Every character as a JSON escape: backslash, u, four hex digits. */
  static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    String javaName = switch (algorithm) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha256" -> "SHA-256";
      default -> "SHA-512";
    };
    try {
      return MessageDigest.getInstance(javaName).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + javaName, e);
    }
  }
}
