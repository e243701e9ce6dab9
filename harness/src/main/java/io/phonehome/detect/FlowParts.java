package io.phonehome.detect;

import io.phonehome.capture.Flow;
import io.phonehome.capture.Header;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A flow cut into the parts the detector searches first: the URL's host, path and each
 * query parameter; each request header but Host; each cookie; the body with its
 * Content-Encoding undone (gzip, deflate, br, and chains of them), field by field when it
 * is a form, part by part when it is multipart, message by message when it is gRPC.
 */
final class FlowParts {
  private final Flow flow;
  private final DetectorLimits limits;
  private final List<String> notes = new ArrayList<>();
  private final List<String> unread = new ArrayList<>();
  private final List<Haystack> roots;
  private boolean bodyUndecodable;

  FlowParts(Flow flow, DetectorLimits limits) {
    this.flow = flow;
    this.limits = limits;
    this.roots = split();
  }

  List<Haystack> roots() {
    return Collections.unmodifiableList(roots);
  }

  /** What could not be undone, without the flow's name. */
  List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  /** Each limit that kept part of the flow from its parts, named: {@code body past the 16 MiB inflate cap (gzip)}. */
  List<String> unread() {
    return Collections.unmodifiableList(unread);
  }

  /** True when the body claims a Content-Encoding it does not decode under. */
  boolean bodyUndecodable() {
    return bodyUndecodable;
  }

  static String truncated(String what, int cap) {
    return what + " decompresses to more than " + cap
        + " bytes (a decompression bomb?); only the first " + cap + " bytes were searched";
  }

  /** The limit a decompression stopped at, for an unread finding: {@code body past the 16 MiB inflate cap (gzip)}. */
  static String pastInflateCap(String what, String coding, int cap) {
    return what + " past the " + DetectorLimits.size(cap) + " inflate cap (" + coding + ")";
  }

  private List<Haystack> split() {
    List<Haystack> roots = new ArrayList<>();
    urlParts(roots);
    for (Header header : flow.requestHeaders()) {
      String name = header.name();
      if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase(":authority")) {
        continue;
      }
      if (name.equalsIgnoreCase("cookie")) {
        cookieParts(header.value(), roots);
      } else {
        roots.add(Haystack.root(Location.HEADER, name, Bytes.utf8(header.value()), true));
      }
    }
    bodyParts(roots);
    return roots;
  }

  private void urlParts(List<Haystack> roots) {
    String url = flow.url();
    int schemeEnd = url.indexOf("://");
    int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int pathStart = start;
    while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
      pathStart++;
    }
    roots.add(Haystack.root(Location.URL, "host", Bytes.utf8(url.substring(start, pathStart)), false));
    String rest = url.substring(pathStart);
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    if (!path.isEmpty()) {
      // not form encoded: a path's + is a plus, and its escapes are undone segment by segment
      roots.add(Haystack.root(Location.URL, "path", Bytes.utf8(path), false));
    }
    if (q >= 0) {
      formParts(Location.URL, "param ", Bytes.utf8(rest.substring(q + 1)), roots);
    }
  }

  private void cookieParts(String cookieHeader, List<Haystack> roots) {
    for (String cookie : cookieHeader.split(";")) {
      String pair = cookie.strip();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      roots.add(Haystack.root(Location.COOKIE, name, Bytes.utf8(pair), true));
    }
  }

  private void formParts(Location location, String prefix, String encoded, List<Haystack> roots) {
    for (String part : encoded.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = Decoding.urlDecode(eq < 0 ? part : part.substring(0, eq));
      roots.add(Haystack.root(location, prefix + name, part, true));
    }
  }

  private void bodyParts(List<Haystack> roots) {
    byte[] raw = flow.requestBody();
    if (raw.length == 0) {
      return;
    }
    String header = flow.requestHeader("Content-Encoding").orElse("");
    String body = undoContentEncoding(raw, header, "body");
    String type = flow.requestHeader("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    String boundary = boundary(flow.requestHeader("Content-Type").orElse(""));
    if (type.contains("application/x-www-form-urlencoded")) {
      formParts(Location.BODY, "field ", body, roots);
    } else if (type.startsWith("multipart/") && !boundary.isEmpty() && multipartParts(body, boundary, roots)) {
      return;
    } else if (type.startsWith("application/grpc") && !type.contains("text") && grpcMessages(body, roots)) {
      return;
    } else {
      roots.add(Haystack.root(Location.BODY, "body", body, false).withContentType(mediaType(type)));
    }
  }

  /**
   * The messages of a gRPC body, each after its five-byte frame (compressed flag, length),
   * as roots named {@code grpc message <n>}, decompressed under the flow's grpc-encoding
   * when flagged. False, and nothing added, when the body is not whole frames.
   */
  private boolean grpcMessages(String body, List<Haystack> roots) {
    List<Haystack> messages = new ArrayList<>();
    String coding = flow.requestHeader("grpc-encoding").orElse("gzip");
    int i = 0;
    while (i + 5 <= body.length() && messages.size() < limits.maxPartsPerFlow()) {
      int flag = body.charAt(i);
      long length = 0;
      for (int k = 1; k <= 4; k++) {
        length = length << 8 | body.charAt(i + k);
      }
      if (length > body.length() - i - 5) {
        return false;
      }
      String message = body.substring(i + 5, i + 5 + (int) length);
      String name = "grpc message " + (messages.size() + 1);
      if ((flag & 0x80) != 0) {
        // grpc-web trailers: header lines, searched as text
        messages.add(Haystack.root(Location.BODY, name, message, false));
      } else {
        String plain = (flag & 1) != 0 ? undoContentEncoding(Bytes.ofLatin1(message), coding, name) : message;
        messages.add(Haystack.root(Location.BODY, name, plain, false).withContentType("application/x-protobuf"));
      }
      i += 5 + (int) length;
    }
    if (i != body.length() || messages.isEmpty()) {
      return false;
    }
    roots.addAll(messages);
    return true;
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
  }

  /** The boundary parameter of a multipart Content-Type, unquoted; empty when none. */
  static String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length()).strip();
        return b.length() > 1 && b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    return "";
  }

  /**
   * Each part of a multipart body as a root named {@code part <name>} (its
   * Content-Disposition name, else its position from 1), with the part's own
   * Content-Transfer-Encoding and Content-Encoding undone; its header lines are searched
   * too, as {@code part <name> headers}. False when no part was found.
   */
  private boolean multipartParts(String body, String boundary, List<Haystack> roots) {
    String delimiter = "--" + boundary;
    int at = body.startsWith(delimiter) ? 0 : body.indexOf("\n" + delimiter);
    int count = 0;
    while (at >= 0) {
      int lineEnd = body.indexOf('\n', at + 1);
      if (lineEnd < 0 || body.startsWith(delimiter + "--", at + (body.charAt(at) == '\n' ? 1 : 0))) {
        break;
      }
      if (count >= limits.maxPartsPerFlow()) {
        unread.add("multipart body past the per-flow cap of " + limits.maxPartsPerFlow() + " parts");
        break;
      }
      int next = body.indexOf("\n" + delimiter, lineEnd);
      int end = next < 0 ? body.length() : next;
      String part = body.substring(lineEnd + 1, end);
      if (part.endsWith("\r")) {
        part = part.substring(0, part.length() - 1);
      }
      count++;
      addPart(part, count, roots);
      at = next;
    }
    return count > 0;
  }

  private void addPart(String part, int index, List<Haystack> roots) {
    int split = part.indexOf("\r\n\r\n");
    int skip = 4;
    if (split < 0 || (part.indexOf("\n\n") >= 0 && part.indexOf("\n\n") < split)) {
      split = part.indexOf("\n\n");
      skip = 2;
    }
    String headers = split < 0 ? "" : part.substring(0, split);
    String content = split < 0 ? part : part.substring(split + skip);
    String name = headerParam(headers, "name").orElse(Integer.toString(index));
    String detail = "part " + name;
    if (!headers.isEmpty()) {
      roots.add(Haystack.root(Location.BODY, detail + " headers", headers, false));
    }
    String transfer = partHeader(headers, "content-transfer-encoding").toLowerCase(Locale.ROOT);
    if (transfer.equals("base64")) {
      try {
        content = Bytes.latin1(java.util.Base64.getMimeDecoder().decode(Bytes.ofLatin1(content)));
      } catch (IllegalArgumentException e) {
        notes.add(detail + " says base64 but does not decode; searched it as sent");
      }
    }
    String coding = partHeader(headers, "content-encoding");
    if (!coding.isEmpty()) {
      content = undoContentEncoding(Bytes.ofLatin1(content), coding, detail);
    }
    String type = mediaType(partHeader(headers, "content-type").toLowerCase(Locale.ROOT));
    roots.add(Haystack.root(Location.BODY, detail, content, false).withContentType(type));
  }

  private static String partHeader(String headers, String name) {
    for (String line : headers.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  private static java.util.Optional<String> headerParam(String headers, String param) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?i)content-disposition:[^\r\n]*?;\\s*" + param + "=(\"([^\"]*)\"|[^;\\s]+)").matcher(headers);
    if (!m.find()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(m.group(2) != null ? m.group(2) : m.group(1));
  }

  /** The bytes with a Content-Encoding undone; as sent when that fails. */
  private String undoContentEncoding(byte[] raw, String contentEncoding, String what) {
    String header = contentEncoding.strip().toLowerCase(Locale.ROOT);
    if (header.isEmpty()) {
      return Bytes.latin1(raw);
    }
    List<String> codings = new ArrayList<>(List.of(header.split("\\s*,\\s*")));
    Collections.reverse(codings);
    byte[] bytes = raw;
    for (String coding : codings) {
      try {
        Decoding.Inflated inflated = switch (coding) {
          case "gzip", "x-gzip" -> Decoding.gunzip(bytes, limits.maxInflatedBytes());
          case "deflate" -> Decoding.inflate(bytes, limits.maxInflatedBytes());
          case "br" -> Decoding.unbrotli(bytes, limits.maxInflatedBytes());
          case "identity", "" -> new Decoding.Inflated(bytes, false);
          default -> null;
        };
        if (inflated == null) {
          notes.add(what + " has Content-Encoding " + coding + ", which the detector cannot undo; searched it as sent");
          return Bytes.latin1(raw);
        }
        if (inflated.truncated()) {
          notes.add(truncated(what + " (Content-Encoding " + coding + ")", limits.maxInflatedBytes()));
          unread.add(pastInflateCap(what, coding, limits.maxInflatedBytes()));
        }
        bytes = inflated.bytes();
      } catch (IOException | RuntimeException e) {
        bodyUndecodable = true;
        notes.add(what + " says Content-Encoding " + coding + " but does not decode (" + e.getMessage()
            + "); searched it as sent");
        return Bytes.latin1(raw);
      }
    }
    return Bytes.latin1(bytes);
  }
}
