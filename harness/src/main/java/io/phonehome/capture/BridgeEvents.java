package io.phonehome.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Parses the bridge's JSON lines into {@link BridgeEvent}s. */
public final class BridgeEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedEventException("not a JSON object");
    }
    String type = text(node, "type");
    return switch (type) {
      case "hello" -> new BridgeEvent.Hello(optionalText(node, "mode"), node.path("pid").asLong(),
          strings(node, "listen"), strings(node, "errors"));
      case "request" -> new BridgeEvent.Request(text(node, "id"), time(node),
          text(node, "method"), text(node, "url"), text(node, "host"),
          optionalText(node, "http_version"), headers(node), body(node));
      case "response" -> new BridgeEvent.Response(text(node, "id"), time(node),
          status(node), optionalText(node, "http_version"), headers(node), body(node));
      case "error" -> new BridgeEvent.Error(text(node, "id"), time(node),
          optionalText(node, "message"));
      case "tls_failed" -> new BridgeEvent.TlsFailed(text(node, "id"), time(node),
          optionalText(node, "client"), text(node, "sni"), optionalText(node, "server"),
          optionalText(node, "error"),
          node.path("bytes").asLong(0));
      default -> throw new MalformedEventException("unknown event type: " + type);
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedEventException("missing text field \"" + field + "\"");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static Instant time(JsonNode node) {
    JsonNode value = node.get("time");
    if (value == null || !value.isNumber()) {
      throw new MalformedEventException("missing number field \"time\"");
    }
    double seconds = value.asDouble();
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1_000);
  }

  private static int status(JsonNode node) {
    JsonNode value = node.get("status");
    if (value == null || !value.canConvertToInt()) {
      throw new MalformedEventException("missing number field \"status\"");
    }
    return value.asInt();
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<Header> headers(JsonNode node) {
    JsonNode array = node.get("headers");
    if (array == null || !array.isArray()) {
      throw new MalformedEventException("missing array field \"headers\"");
    }
    List<Header> out = new ArrayList<>();
    for (JsonNode pair : array) {
      if (!pair.isArray() || pair.size() != 2) {
        throw new MalformedEventException("a header is not a [name, value] pair: " + pair);
      }
      out.add(new Header(pair.get(0).asText(), pair.get(1).asText()));
    }
    return out;
  }

  private static byte[] body(JsonNode node) {
    String encoded = optionalText(node, "body");
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("body is not base64: " + e.getMessage());
    }
  }
}
