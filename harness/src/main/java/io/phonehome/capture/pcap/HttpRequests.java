package io.phonehome.capture.pcap;

import io.phonehome.capture.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Plain HTTP/1.x requests read back out of a client's byte stream. */
public final class HttpRequests {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD",
      "OPTIONS", "PATCH", "CONNECT", "TRACE");
  private static final int MAX_HEAD = 64 << 10;

  private HttpRequests() {}

  /**
   * One request as sent.
   *
   * @param method the request method
   * @param target the request target as written (path, or absolute URL to a proxy)
   * @param headers headers in order, names as sent
   * @param body the body, with chunked transfer coding undone
   */
  public record Request(String method, String target, List<Header> headers, byte[] body) {
    public Request {
      headers = List.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    public Optional<String> header(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name))
          .map(Header::value).findFirst();
    }
  }

  /**
   * The requests at the start of the stream, one after another, until the bytes stop
   * looking like HTTP. {@code rest} receives the offset where parsing stopped.
   */
  public static List<Request> parse(byte[] stream, int[] rest) {
    List<Request> out = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      int headEnd = indexOf(stream, at, Math.min(stream.length, at + MAX_HEAD));
      if (headEnd < 0) {
        break;
      }
      String[] lines = new String(stream, at, headEnd - at, StandardCharsets.ISO_8859_1)
          .split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3 || !METHODS.contains(requestLine[0])
          || !requestLine[2].startsWith("HTTP/1.")) {
        break;
      }
      List<Header> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.add(new Header(lines[i].substring(0, colon).trim(),
              lines[i].substring(colon + 1).trim()));
        }
      }
      int bodyStart = headEnd + 4;
      Request head = new Request(requestLine[0], requestLine[1], headers, new byte[0]);
      byte[] body;
      int next;
      if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT)
          .contains("chunked")).orElse(false)) {
        int[] end = {bodyStart};
        body = dechunk(stream, end);
        next = end[0];
      } else {
        long length = head.header("Content-Length").map(HttpRequests::number).orElse(0L);
        int stop = (int) Math.min(stream.length, bodyStart + Math.max(0, length));
        body = Arrays.copyOfRange(stream, bodyStart, stop);
        next = stop;
      }
      out.add(new Request(head.method(), head.target(), headers, body));
      at = next;
      if (head.method().equals("CONNECT")) {
        break;
      }
    }
    rest[0] = at;
    return out;
  }

  /** Where the bytes after a leading CONNECT request start; 0 when there is none. */
  static int afterConnect(byte[] stream) {
    if (stream.length < 8 || !new String(stream, 0, 8, StandardCharsets.ISO_8859_1)
        .equals("CONNECT ")) {
      return 0;
    }
    int end = indexOf(stream, 0, Math.min(stream.length, MAX_HEAD));
    return end < 0 ? 0 : end + 4;
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] dechunk(byte[] s, int[] at) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int lineEnd = crlf(s, at[0]);
      if (lineEnd < 0) {
        body.write(s, at[0], s.length - at[0]);
        at[0] = s.length;
        return body.toByteArray();
      }
      String size = new String(s, at[0], lineEnd - at[0], StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      long length;
      try {
        length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(),
            16);
      } catch (NumberFormatException e) {
        at[0] = s.length;
        return body.toByteArray();
      }
      int dataStart = lineEnd + 2;
      if (length == 0) {
        int trailerEnd = indexOf(s, lineEnd, s.length);
        at[0] = trailerEnd < 0 ? s.length : trailerEnd + 4;
        return body.toByteArray();
      }
      int stop = (int) Math.min(s.length, dataStart + length);
      body.write(s, dataStart, stop - dataStart);
      at[0] = Math.min(s.length, stop + 2);
      if (stop == s.length) {
        return body.toByteArray();
      }
    }
  }

  private static int crlf(byte[] s, int from) {
    for (int i = from; i + 1 < s.length; i++) {
      if (s[i] == '\r' && s[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first CRLFCRLF in [from, to), or -1. */
  private static int indexOf(byte[] s, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == '\r' && s[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
