package io.phonehome.simulator.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The few HTTP/1.1 framing steps both ends of the handset's network need. */
final class HttpWire {
  static final int MAX_HEAD = 64 * 1024;
  static final int MAX_BODY = 1024 * 1024;

  private HttpWire() {}

  /**
   * Reads up to and including the blank line that ends a message head, or until the
   * stream ends; returns the bytes read (possibly with no blank line at all).
   */
  static byte[] readHead(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    readHead(in, max, out);
    return out.toByteArray();
  }

  /** As {@link #readHead(InputStream, int)}, into {@code out}, so bytes read before a timeout are kept. */
  static void readHead(InputStream in, int max, ByteArrayOutputStream out) throws IOException {
    int matched = 0;
    int read = 0;
    while (read < max) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      out.write(b);
      read++;
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return;
      }
    }
  }

  /** A header's value from a head, case-insensitive name; {@code null} when absent. */
  static String header(String head, String name) {
    String wanted = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
        return line.substring(wanted.length()).trim();
      }
    }
    return null;
  }

  /** Reads a body of the length the head declares, else until the stream ends; capped. */
  static byte[] readBody(InputStream in, String head, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    readBody(in, head, max, out);
    return out.toByteArray();
  }

  /** As {@link #readBody(InputStream, String, int)}, into {@code out}, so bytes read before a timeout are kept. */
  static void readBody(InputStream in, String head, int max, ByteArrayOutputStream out) throws IOException {
    String length = header(head, "Content-Length");
    long wanted = max;
    if (length != null) {
      try {
        wanted = Math.min(max, Long.parseLong(length));
      } catch (NumberFormatException ignored) {
        // a broken length reads like none: up to the cap
      }
    }
    byte[] buf = new byte[8192];
    long read = 0;
    while (read < wanted) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, wanted - read));
      if (n < 0) {
        return;
      }
      out.write(buf, 0, n);
      read += n;
    }
  }

  static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static String firstLine(String head) {
    int end = head.indexOf("\r\n");
    return end < 0 ? head.strip() : head.substring(0, end);
  }
}
