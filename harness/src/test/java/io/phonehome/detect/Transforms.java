package io.phonehome.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The firmware profile's transforms (and brotli), written for the tests from their
 * definitions, independently of the detector's own encoders, so that generated traffic
 * checks the detector rather than repeating it.
 */
final class Transforms {
  static final List<String> HASHES = List.of("md5", "sha1", "sha256", "sha512");
  /** Transforms whose input may be any bytes. */
  static final Set<String> BYTES_IN = Set.of("base64", "base64url", "base32", "hex", "HEX",
      "md5", "sha1", "sha256", "sha512", "gzip", "deflate", "br", "crc32", "murmur3", "base58");
  /** Transforms whose output is bytes, not text. */
  static final Set<String> BYTES_OUT = Set.of("gzip", "deflate", "br", "md5-bytes", "sha1-bytes", "sha256-bytes",
      "sha512-bytes");

  private Transforms() {}

  static byte[] apply(String transform, byte[] in) {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    return switch (transform) {
      case "url" -> ascii(URLEncoder.encode(new String(in, StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      case "base64" -> Base64.getEncoder().encode(in);
      case "base64url" -> Base64.getUrlEncoder().withoutPadding().encode(in);
      case "base32" -> ascii(base32(in));
      case "hex" -> ascii(HexFormat.of().formatHex(in));
      case "HEX" -> ascii(HexFormat.of().withUpperCase().formatHex(in));
      case "html" -> ascii(html(text));
      case "json" -> ascii(json(text));
      case "rot13" -> ascii(rot13(text));
      case "upper" -> ascii(text.toUpperCase(Locale.ROOT));
      case "lower" -> ascii(text.toLowerCase(Locale.ROOT));
      case "digits" -> ascii(text.replaceAll("[^0-9]", ""));
      case "md5", "sha1", "sha256", "sha512" -> ascii(HexFormat.of().formatHex(digest(transform, in)));
      case "md5-bytes", "sha1-bytes", "sha256-bytes", "sha512-bytes" -> digest(transform.replace("-bytes", ""), in);
      case "crc32" -> ascii(crc32(in));
      case "murmur3" -> ascii(com.google.common.hash.Hashing.murmur3_32_fixed().hashBytes(in).toString());
      case "base58" -> ascii(base58(in));
      case "gzip" -> gzip(in);
      case "deflate" -> deflate(in);
      case "br" -> BrotliWriter.encode(in);
      default -> throw new IllegalArgumentException("unknown transform " + transform);
    };
  }

  static byte[] applyAll(List<String> chain, byte[] in) {
    byte[] out = in;
    for (String t : chain) {
      out = apply(t, out);
    }
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** RFC 4648 base32 with padding, five bytes to eight characters at a time. */
  static String base32(byte[] in) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < in.length; i += 5) {
      long group = 0;
      int n = Math.min(5, in.length - i);
      for (int k = 0; k < 5; k++) {
        group = (group << 8) | (k < n ? in[i + k] & 0xff : 0);
      }
      int chars = (n * 8 + 4) / 5;
      for (int k = 0; k < 8; k++) {
        out.append(k < chars ? alphabet.charAt((int) (group >>> (35 - 5 * k)) & 31) : '=');
      }
    }
    return out.toString();
  }

  static String html(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append("&#").append((int) c).append(';');
    }
    return out.toString();
  }

  static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append("\\u").append(String.format("%04x", (int) c));
    }
    return out.toString();
  }

  static String rot13(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      out.append(lower ? (char) ((c - 'a' + 13) % 26 + 'a') : upper ? (char) ((c - 'A' + 13) % 26 + 'A') : c);
    }
    return out.toString();
  }

  static String crc32(byte[] in) {
    CRC32 crc = new CRC32();
    crc.update(in);
    return String.format("%08x", crc.getValue());
  }

  static String base58(byte[] in) {
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    StringBuilder out = new StringBuilder();
    for (BigInteger n = new BigInteger(1, in); n.signum() > 0; n = n.divide(BigInteger.valueOf(58))) {
      out.insert(0, alphabet.charAt(n.mod(BigInteger.valueOf(58)).intValue()));
    }
    for (int i = 0; i < in.length && in[i] == 0; i++) {
      out.insert(0, '1');
    }
    return out.toString();
  }

  static byte[] digest(String name, byte[] in) {
    try {
      return MessageDigest.getInstance(switch (name) {
        case "md5" -> "MD5";
        case "sha1" -> "SHA-1";
        case "sha256" -> "SHA-256";
        default -> "SHA-512";
      }).digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
