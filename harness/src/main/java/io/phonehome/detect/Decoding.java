package io.phonehome.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** The decodings the detector undoes: url/form escapes, base64 and hex runs, gzip and deflate. */
final class Decoding {
  /** Shorter runs are mostly words and identifiers that merely look like base64. */
  static final int MIN_BASE64_RUN = 16;

  private static final Pattern BASE64_RUN =
      Pattern.compile("[A-Za-z0-9+/_-]{" + MIN_BASE64_RUN + ",}={0,2}");

  /** Shorter hex runs are mostly digests, which decode to nothing useful. */
  static final int MIN_HEX_RUN = 32;

  private static final Pattern HEX_RUN = Pattern.compile("[0-9A-Fa-f]{" + MIN_HEX_RUN + ",}");

  private Decoding() {}

  /** Bytes that came out of a decompression, cut at the cap when it was reached. */
  record Inflated(byte[] bytes, boolean truncated) {}

  /** Undoes %XX escapes and {@code +} for space; a malformed escape is kept as is. */
  static String urlDecode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        out.append(' ');
      } else if (c == '%' && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        out.append((char) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2))));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** A run of encoded text, where it lies in its haystack, and what it decodes to. */
  record Run(int start, int end, byte[] bytes) {}

  /** The runs of the text that look like base64 or base64url, decoded. */
  static List<Run> base64Runs(String text, int maxRuns) {
    List<Run> out = new ArrayList<>();
    Matcher m = BASE64_RUN.matcher(text);
    while (m.find() && out.size() < maxRuns) {
      String run = m.group();
      decodeBase64(run).ifPresent(bytes -> out.add(new Run(m.start(), m.end(), bytes)));
      if (run.indexOf('/') >= 0) {
        // a URL path is one run to the regex; its segments may each be base64
        int from = m.start();
        for (String segment : run.split("/", -1)) {
          int start = from;
          if (segment.length() >= MIN_BASE64_RUN && out.size() < maxRuns) {
            decodeBase64(segment).ifPresent(bytes -> out.add(new Run(start, start + segment.length(), bytes)));
          }
          from += segment.length() + 1;
        }
      }
    }
    return out;
  }

  /** The runs of hex digits, decoded (an odd last digit is dropped). */
  static List<Run> hexRuns(String text, int maxRuns) {
    List<Run> out = new ArrayList<>();
    Matcher m = HEX_RUN.matcher(text);
    while (m.find() && out.size() < maxRuns) {
      String run = m.group();
      out.add(new Run(m.start(), m.end(), java.util.HexFormat.of().parseHex(run, 0, run.length() & ~1)));
    }
    return out;
  }

  static Optional<byte[]> decodeBase64(String run) {
    String body = run.replace("=", "");
    boolean urlAlphabet = body.indexOf('-') >= 0 || body.indexOf('_') >= 0;
    boolean stdAlphabet = body.indexOf('+') >= 0 || body.indexOf('/') >= 0;
    if (urlAlphabet && stdAlphabet) {
      return Optional.empty();
    }
    if (body.length() % 4 == 1) {
      body = body.substring(0, body.length() - 1);
    }
    try {
      return Optional.of((urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean looksGzip(String bytes) {
    return bytes.length() >= 10 && bytes.charAt(0) == 0x1f && bytes.charAt(1) == 0x8b;
  }

  static boolean looksZlib(String bytes) {
    if (bytes.length() < 6) {
      return false;
    }
    int cmf = bytes.charAt(0);
    int flg = bytes.charAt(1);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
  }

  static Inflated gunzip(byte[] in, int cap) throws IOException {
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
      return readCapped(gz, cap);
    }
  }

  /** zlib (RFC 1950) as HTTP means it, falling back to raw deflate that some servers send. */
  static Inflated inflate(byte[] in, int cap) throws IOException {
    try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(in))) {
      return readCapped(z, cap);
    } catch (IOException zlibFailed) {
      Inflater raw = new Inflater(true);
      try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(in), raw)) {
        return readCapped(z, cap);
      } finally {
        raw.end();
      }
    }
  }

  private static Inflated readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      int room = cap - out.size();
      if (n > room) {
        out.write(buffer, 0, room);
        return new Inflated(out.toByteArray(), true);
      }
      out.write(buffer, 0, n);
    }
    return new Inflated(out.toByteArray(), false);
  }
}
