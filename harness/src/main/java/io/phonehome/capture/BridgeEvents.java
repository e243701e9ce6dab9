package io.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Parses the bridge's JSON lines into {@link BridgeEvent}s. */
public final class BridgeEvents {
  private BridgeEvents() {}

  /** A line that is not a bridge event; the message says what is wrong with it. */
  public static final class MalformedEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedEventException(String message) {
      super(message);
    }
  }

  /** Parses one line; throws {@link MalformedEventException} naming what is wrong. */
  public static BridgeEvent parse(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  /**
   * Parses the UTF-8 line in {@code bytes[offset, offset + length)}, without its newline;
   * throws {@link MalformedEventException} naming what is wrong.
   */
  static BridgeEvent parse(byte[] bytes, int offset, int length) {
    Object parsed;
    try {
      parsed = BridgeJson.parse(bytes, offset, length);
    } catch (BridgeJson.SyntaxException e) {
      throw new MalformedEventException("not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> node)) {
      throw new MalformedEventException("not a JSON object");
    }
    String type = text(node, "type");
    return switch (type) {
      case "hello" -> new BridgeEvent.Hello(optionalText(node, "mode"), number(node, "pid", 0),
          strings(node, "listen"), strings(node, "errors"));
      case "request" -> new BridgeEvent.Request(text(node, "id"), time(node),
          text(node, "method"), text(node, "url"), text(node, "host"),
          optionalText(node, "http_version"), headers(node), body(node));
      case "in_flight" -> new BridgeEvent.InFlight(text(node, "id"), time(node),
          text(node, "method"), text(node, "url"), text(node, "host"),
          optionalText(node, "http_version"), headers(node), body(node),
          number(node, "expected", -1));
      case "response" -> new BridgeEvent.Response(text(node, "id"), time(node),
          status(node), optionalText(node, "http_version"), headers(node), body(node));
      case "error" -> new BridgeEvent.Error(text(node, "id"), time(node),
          optionalText(node, "message"));
      case "tls_failed" -> new BridgeEvent.TlsFailed(text(node, "id"), time(node),
          optionalText(node, "client"), text(node, "sni"), optionalText(node, "server"),
          optionalText(node, "error"), number(node, "bytes", 0));
      default -> throw new MalformedEventException("unknown event type: " + type);
    };
  }

  private static String text(Map<?, ?> node, String field) {
    if (!(node.get(field) instanceof String value)) {
      throw new MalformedEventException("missing text field \"" + field + "\"");
    }
    return value;
  }

  private static String optionalText(Map<?, ?> node, String field) {
    return asText(node.get(field));
  }

  /** A scalar as text, as a JSON tree's {@code asText()} gives it; "" for null and containers. */
  private static String asText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "";
  }

  private static long number(Map<?, ?> node, String field, long otherwise) {
    Object value = node.get(field);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }

  private static Instant time(Map<?, ?> node) {
    if (!(node.get("time") instanceof Number value)) {
      throw new MalformedEventException("missing number field \"time\"");
    }
    double seconds = value.doubleValue();
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1_000);
  }

  private static int status(Map<?, ?> node) {
    Object value = node.get("status");
    if (value instanceof Number n && n.doubleValue() >= Integer.MIN_VALUE
        && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new MalformedEventException("missing number field \"status\"");
  }

  private static List<String> strings(Map<?, ?> node, String field) {
    List<String> out = new ArrayList<>();
    if (node.get(field) instanceof List<?> values) {
      values.forEach(v -> out.add(asText(v)));
    }
    return out;
  }

  private static List<Header> headers(Map<?, ?> node) {
    if (!(node.get("headers") instanceof List<?> array)) {
      throw new MalformedEventException("missing array field \"headers\"");
    }
    List<Header> out = new ArrayList<>(array.size());
    for (Object pair : array) {
      if (!(pair instanceof List<?> p) || p.size() != 2) {
        throw new MalformedEventException("a header is not a [name, value] pair: " + pair);
      }
      out.add(new Header(asText(p.get(0)), asText(p.get(1))));
    }
    return out;
  }

  private static byte[] body(Map<?, ?> node) {
    String encoded = optionalText(node, "body");
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("body is not base64: " + e.getMessage());
    }
  }
}
