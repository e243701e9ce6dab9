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
 * Content-Encoding undone, field by field when it is a form.
 */
final class FlowParts {
  private final Flow flow;
  private final DetectorLimits limits;
  private final List<String> notes = new ArrayList<>();
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

  /** True when the body claims a Content-Encoding it does not decode under. */
  boolean bodyUndecodable() {
    return bodyUndecodable;
  }

  static String truncated(String what, int cap) {
    return what + " decompresses to more than " + cap
        + " bytes (a decompression bomb?); only the first " + cap + " bytes were searched";
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
      roots.add(Haystack.root(Location.URL, "path", Bytes.utf8(path), true));
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
    String body = undoContentEncoding(raw);
    String type = flow.requestHeader("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (type.contains("application/x-www-form-urlencoded")) {
      formParts(Location.BODY, "field ", body, roots);
    } else {
      roots.add(Haystack.root(Location.BODY, "body", body, false));
    }
  }

  /** The body with its Content-Encoding undone; as sent when that fails. */
  private String undoContentEncoding(byte[] raw) {
    String header = flow.requestHeader("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
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
          case "identity", "" -> new Decoding.Inflated(bytes, false);
          default -> null;
        };
        if (inflated == null) {
          notes.add("body has Content-Encoding " + coding + ", which the detector cannot undo; searched it as sent");
          return Bytes.latin1(raw);
        }
        if (inflated.truncated()) {
          notes.add(truncated("body (Content-Encoding " + coding + ")", limits.maxInflatedBytes()));
        }
        bytes = inflated.bytes();
      } catch (IOException | RuntimeException e) {
        bodyUndecodable = true;
        notes.add("body says Content-Encoding " + coding + " but does not decode (" + e.getMessage()
            + "); searched it as sent");
        return Bytes.latin1(raw);
      }
    }
    return Bytes.latin1(bytes);
  }
}
