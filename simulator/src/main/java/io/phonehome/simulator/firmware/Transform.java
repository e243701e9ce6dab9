package io.phonehome.simulator.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One step of a placeholder's transform chain ({@code {imei|md5}}). Every step maps
 * bytes to bytes; text steps read and write UTF-8. Hashes give lower-case hex text,
 * {@code gzip}, {@code deflate} and {@code encrypt} give raw bytes.
 */
public enum Transform {
  /** Form-style percent-encoding of every byte outside {@code A-Za-z0-9.-*_} (space as {@code +}). */
  URL("url"),
  BASE64("base64"),
  /** URL-safe alphabet, no padding. */
  BASE64URL("base64url"),
  /** RFC 4648 alphabet, upper case, with padding. */
  BASE32("base32"),
  HEX_LOWER("hex"),
  HEX_UPPER("HEX"),
  /** Every character as a decimal entity {@code &#NN;}. */
  HTML("html"),
  /** Every UTF-16 unit as {@code \\uXXXX} (lower-case hex digits). */
  JSON("json"),
  ROT13("rot13"),
  MD5("md5"),
  SHA1("sha1"),
  SHA256("sha256"),
  SHA512("sha512"),
  /** RFC 1952 gzip member. */
  GZIP("gzip"),
  /** RFC 1950 zlib stream. */
  DEFLATE("deflate"),
  DIGITS("digits"),
  UPPER("upper"),
  LOWER("lower"),
  /**
   * AES-128-GCM under a key derived from the build fingerprint; output is the 12-byte
   * random nonce followed by ciphertext and tag, so no decoder without the key reads it.
   */
  ENCRYPT("encrypt");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final String word;

  Transform(String word) {
    this.word = word;
  }

  /** The name a profile writes after {@code |}. */
  public String word() {
    return word;
  }

  public static Optional<Transform> of(String word) {
    return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
  }

  /** All names, for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(Transform::word).collect(Collectors.joining(", "));
  }

  /**
   * Applies this step.
   *
   * @param fingerprint the build fingerprint; only {@link #ENCRYPT} uses it
   */
  public byte[] apply(byte[] in, String fingerprint) {
    return switch (this) {
      case URL -> ascii(percentEncode(in));
      case BASE64 -> Base64.getEncoder().encode(in);
      case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encode(in);
      case BASE32 -> ascii(base32(in));
      case HEX_LOWER -> ascii(HexFormat.of().formatHex(in));
      case HEX_UPPER -> ascii(HexFormat.of().withUpperCase().formatHex(in));
      case HTML -> ascii(text(in).chars().mapToObj(c -> "&#" + c + ";").collect(Collectors.joining()));
      case JSON -> ascii(text(in).chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining()));
      case ROT13 -> utf8(rot13(text(in)));
      case MD5 -> ascii(digestHex("MD5", in));
      case SHA1 -> ascii(digestHex("SHA-1", in));
      case SHA256 -> ascii(digestHex("SHA-256", in));
      case SHA512 -> ascii(digestHex("SHA-512", in));
      case GZIP -> gzip(in);
      case DEFLATE -> deflate(in);
      case DIGITS -> ascii(text(in).chars().filter(c -> c >= '0' && c <= '9')
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
      case UPPER -> utf8(text(in).toUpperCase(Locale.ROOT));
      case LOWER -> utf8(text(in).toLowerCase(Locale.ROOT));
      case ENCRYPT -> encrypt(in, fingerprint);
    };
  }

  /** The AES key {@link #ENCRYPT} uses for a build: the first 16 bytes of a SHA-256 of its fingerprint. */
  public static SecretKeySpec buildKey(String fingerprint) {
    byte[] hash = digest("SHA-256", utf8("phonehome-firmware-key\n" + fingerprint));
    return new SecretKeySpec(Arrays.copyOf(hash, 16), "AES");
  }

  private static byte[] encrypt(byte[] in, String fingerprint) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, buildKey(fingerprint), new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(in);
      byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  private static String percentEncode(byte[] in) {
    StringBuilder sb = new StringBuilder();
    for (byte b : in) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '*' || c == '_') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  private static String base32(byte[] in) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : in) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32_ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    while (sb.length() % 8 != 0) {
      sb.append('=');
    }
    return sb.toString();
  }

  private static String rot13(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        sb.append((char) ('a' + (c - 'a' + 13) % 26));
      } else if (c >= 'A' && c <= 'Z') {
        sb.append((char) ('A' + (c - 'A' + 13) % 26));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static byte[] gzip(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String digestHex(String algorithm, byte[] in) {
    return HexFormat.of().formatHex(digest(algorithm, in));
  }

  private static byte[] digest(String algorithm, byte[] in) {
    try {
      return MessageDigest.getInstance(algorithm).digest(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  private static String text(byte[] in) {
    return new String(in, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
