package io.phonehome.detect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Every needle for an identity: the forward half of the detector. Each written form of
 * each value (see {@link Forms}) is encoded under a bounded set of transform chains:
 *
 * <ul>
 *   <li>the form itself: plain, url (two ways of writing a space), rot13, html character
 *       references, JSON escapes (lower and upper hex), crc32, murmur3 (32-bit, both byte
 *       orders), base58, hex, HEX, base32
 *       (with and without padding), base64 and base64url (with and without padding, and
 *       the three alignment-stable middles of base64 of the value at byte offset 0, 1 and
 *       2 of a longer blob), and url of each base64 text that url encoding changes;
 *   <li>its md5, sha1, sha256 and sha512 as lower-case hex ({@code md5}), upper-case hex
 *       ({@code md5+upper}), and base64 of the lower-case hex text ({@code md5+base64});
 *   <li>the raw digest bytes ({@code md5-bytes}), as found in binary bodies, and their
 *       base64 and base64url ({@code md5-bytes+base64}), and url of that base64;
 *   <li>a digest of the base64, hex or HEX text of the form, or of another digest's hex
 *       ({@code base64+sha1}, {@code md5+sha256}): these cannot be decoded.
 * </ul>
 *
 * <p>Everything else (compression, longer or other chains, values embedded in larger
 * encoded blobs) is found backwards, by decoding what the traffic holds.
 */
final class Needles {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<String> HASHES = List.of("md5", "sha1", "sha256", "sha512");

  /** Alignment-stable base64 middles shorter than this match by chance too often. */
  static final int MIN_ALIGNED_BASE64 = 8;

  private Needles() {}

  /** The needles of every value of the identity, each text once per identifier. */
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
    Adder add = (encoding, text, border) ->
        out.add(new Needle(value, form.name(), chain(form.chain(), encoding), text, border));
    String plain = Bytes.latin1(bytes);
    add.accept("plain", plain, plainBorder(plain));
    String url = URLEncoder.encode(form.text(), StandardCharsets.UTF_8);
    add.accept("url", url, plainBorder(url));
    add.accept("url", url.replace("+", "%20"), plainBorder(url));
    base64Family(bytes, "", add, true);
    String hex = HEX.formatHex(bytes);
    add.accept("hex", hex, Needle.Border.HEX_DATA);
    add.accept("HEX", hex.toUpperCase(Locale.ROOT), Needle.Border.HEX_DATA);
    add.accept("base32", base32(bytes, true), Needle.Border.BASE32);
    add.accept("base32", base32(bytes, false), Needle.Border.BASE32);
    add.accept("base58", base58(bytes), Needle.Border.BASE58);
    String rot13 = rot13(form.text());
    // rot13 of a hex value is letters and digits that more letters or digits would continue
    add.accept("rot13", rot13, plainBorder(plain) == Needle.Border.HEX ? Needle.Border.ALNUM : plainBorder(rot13));
    add.accept("html", html(form.text()), Needle.Border.HTML);
    String json = json(form.text());
    add.accept("json", json, Needle.Border.JSON);
    add.accept("json", json.toUpperCase(Locale.ROOT).replace("\\U", "\\u"), Needle.Border.JSON);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    checksum("crc32", String.format("%08x", crc.getValue()), add);
    int murmur = murmur3(bytes);
    checksum("murmur3", String.format("%08x", murmur), add);
    checksum("murmur3", String.format("%08x", Integer.reverseBytes(murmur)), add);
    for (String algorithm : HASHES) {
      byte[] raw = digest(algorithm, bytes);
      String digest = HEX.formatHex(raw);
      add.accept(algorithm, digest, Needle.Border.HEX);
      add.accept(algorithm + "+upper", digest.toUpperCase(Locale.ROOT), Needle.Border.HEX);
      base64Family(digest.getBytes(StandardCharsets.US_ASCII), algorithm + "+", add, false);
      add.accept(algorithm + "-bytes", Bytes.latin1(raw), Needle.Border.NONE);
      base64Family(raw, algorithm + "-bytes+", add, false);
    }
    // a digest of an encoding, or of another digest, cannot be decoded: only found forward
    Map<String, byte[]> inner = new LinkedHashMap<>();
    inner.put("base64", Base64.getEncoder().encode(bytes));
    inner.put("hex", hex.getBytes(StandardCharsets.US_ASCII));
    inner.put("HEX", hex.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    for (String algorithm : HASHES) {
      inner.put(algorithm, HEX.formatHex(digest(algorithm, bytes)).getBytes(StandardCharsets.US_ASCII));
    }
    inner.forEach((first, text) -> {
      for (String algorithm : HASHES) {
        add.accept(first + "+" + algorithm, HEX.formatHex(digest(algorithm, text)), Needle.Border.HEX);
      }
    });
    return out;
  }

  /**
   * A short checksum as hex, and under the encodings whose runs of it are too short to be
   * worth decoding everywhere: base64, base64url, hex, HEX, base32.
   */
  private static void checksum(String name, String hex, Adder add) {
    add.accept(name, hex, Needle.Border.ALNUM);
    byte[] text = hex.getBytes(StandardCharsets.US_ASCII);
    base64Family(text, name + "+", add, false);
    add.accept(name + "+hex", HEX.formatHex(text), Needle.Border.HEX_DATA);
    add.accept(name + "+HEX", HEX.formatHex(text).toUpperCase(Locale.ROOT), Needle.Border.HEX_DATA);
    add.accept(name + "+base32", base32(text, true), Needle.Border.BASE32);
    add.accept(name + "+base32", base32(text, false), Needle.Border.BASE32);
  }

  /** Plain text that is all digits (or all hex) must not continue into more of them. */
  private static Needle.Border plainBorder(String text) {
    boolean digitEnd = isDigit(text.charAt(0)) || isDigit(text.charAt(text.length() - 1));
    boolean allHex = text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    boolean someLetter = text.chars().anyMatch(Character::isLetter);
    if (allHex && someLetter && text.length() >= 8) {
      return Needle.Border.HEX;
    }
    return digitEnd ? Needle.Border.DIGITS : Needle.Border.NONE;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Base64 and base64url, padded and not, and url of each; with {@code aligned}, also the
   * middle of base64(k filler bytes + value) that the filler and what follows the value
   * cannot change, for k = 0, 1, 2: the value at any offset of a longer blob shows one of
   * these three.
   */
  private static void base64Family(byte[] bytes, String prefix, Adder add, boolean aligned) {
    for (boolean urlAlphabet : new boolean[] {false, true}) {
      Base64.Encoder encoder = urlAlphabet ? Base64.getUrlEncoder() : Base64.getEncoder();
      String name = prefix + (urlAlphabet ? "base64url" : "base64");
      String padded = encoder.encodeToString(bytes);
      String bare = padded.replace("=", "");
      add.accept(name, padded, Needle.Border.BASE64);
      add.accept(name, bare, Needle.Border.BASE64);
      String url = URLEncoder.encode(padded, StandardCharsets.UTF_8);
      if (!url.equals(padded)) {
        add.accept(name + "+url", url, Needle.Border.BASE64);
      }
      if (aligned) {
        for (int k = 0; k < 3; k++) {
          String middle = alignedBase64(bytes, k, encoder);
          if (middle.length() >= MIN_ALIGNED_BASE64) {
            add.accept(name, middle, Needle.Border.BASE64);
          }
        }
      }
    }
  }

  /** The characters of base64(k filler bytes + bytes + anything) that depend only on bytes. */
  static String alignedBase64(byte[] bytes, int k, Base64.Encoder encoder) {
    byte[] padded = new byte[k + bytes.length];
    System.arraycopy(bytes, 0, padded, k, bytes.length);
    String all = encoder.withoutPadding().encodeToString(padded);
    int from = (8 * k + 5) / 6;
    int to = 8 * (k + bytes.length) / 6;
    return from >= to ? "" : all.substring(from, to);
  }

  @FunctionalInterface
  private interface Adder {
    void accept(String encoding, String text, Needle.Border border);
  }

  /** The form's transforms, then the encoding's; {@code plain} when there are none. */
  static String chain(String formChain, String encoding) {
    if (formChain.isEmpty()) {
      return encoding;
    }
    return encoding.equals("plain") ? formChain : formChain + "+" + encoding;
  }

  /**
   * MurmurHash3 x86 32-bit, seed 0, as analytics SDKs hash device ids; written as hex of the
   * number ({@code 248bfa47} for "hello") or of its little-endian bytes ({@code 47fa8b24}).
   */
  static int murmur3(byte[] data) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = 0;
    int whole = data.length & ~3;
    for (int i = 0; i < whole; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | data[i + 3] << 24;
      h ^= Integer.rotateLeft(k * c1, 15) * c2;
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int rest = data.length & 3;
    if (rest > 0) {
      int k = 0;
      for (int i = rest - 1; i >= 0; i--) {
        k = k << 8 | (data[whole + i] & 0xff);
      }
      h ^= Integer.rotateLeft(k * c1, 15) * c2;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
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
