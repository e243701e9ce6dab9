package io.phonehome.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes flows as HAR 1.2, the evidence format browsers, Charles and mitmproxy share.
 * Bodies that are not valid UTF-8 text are written as base64 with {@code "encoding":
 * "base64"} (and {@code "_encoding"} for readers that only know it on response content).
 * Each entry carries {@code _channel} (findings.json's channel name) and {@code _index}, and
 * {@code _incomplete} where its request body did not arrive whole (why, and how many bytes
 * did).
 *
 * <pre>{@code
 * HarWriter.write(proxy.capture().flows(), evidenceDir.resolve("flows.har"));
 * }</pre>
 */
public final class HarWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String VERSION = "0.1.0";

  private HarWriter() {}

  /** Writes {@code flows} to {@code file}, replacing it. */
  public static void write(List<Flow> flows, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      write(flows, out);
    }
  }

  /** Writes {@code flows} to {@code out}, leaving it open. */
  public static void write(List<Flow> flows, OutputStream out) throws IOException {
    JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, toHar(flows));
  }

  /** The HAR document for {@code flows}. */
  public static ObjectNode toHar(List<Flow> flows) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode log = root.putObject("log");
    log.put("version", "1.2");
    ObjectNode creator = log.putObject("creator");
    creator.put("name", "phonehome");
    creator.put("version", VERSION);
    ArrayNode entries = log.putArray("entries");
    flows.forEach(f -> entries.add(entry(f)));
    return root;
  }

  private static ObjectNode entry(Flow flow) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("startedDateTime",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(flow.time().atOffset(ZoneOffset.UTC)));
    entry.put("time", 0);
    entry.set("request", request(flow));
    entry.set("response", response(flow.response()));
    entry.putObject("cache");
    ObjectNode timings = entry.putObject("timings");
    timings.put("send", 0);
    timings.put("wait", 0);
    timings.put("receive", 0);
    entry.put("_channel", flow.channel().wireName());
    entry.put("_index", flow.index());
    entry.put("_host", flow.host());
    flow.error().ifPresent(e -> entry.put("_error", e));
    flow.incomplete().ifPresent(why -> entry.put("_incomplete", why));
    flow.bytes().ifPresent(b -> {
      ObjectNode bytes = entry.putObject("_bytes");
      bytes.put("sent", b.sent());
      b.received().ifPresent(r -> bytes.put("received", r));
    });
    return entry;
  }

  private static ObjectNode request(Flow flow) {
    ObjectNode request = JSON.createObjectNode();
    request.put("method", flow.method());
    request.put("url", flow.url());
    request.put("httpVersion", "HTTP/1.1");
    request.set("cookies", cookies(flow.requestHeaders(), "cookie"));
    request.set("headers", headers(flow.requestHeaders()));
    request.set("queryString", queryString(flow.url()));
    byte[] body = flow.requestBody();
    if (body.length > 0) {
      ObjectNode postData = request.putObject("postData");
      postData.put("mimeType", flow.requestHeader("Content-Type").orElse(""));
      putBody(postData, body);
    }
    request.put("headersSize", -1);
    request.put("bodySize", body.length);
    return request;
  }

  private static ObjectNode response(Optional<Flow.Response> maybe) {
    ObjectNode response = JSON.createObjectNode();
    // HAR has no "no response"; status 0 is what browsers write for one that never came
    Flow.Response r = maybe.orElse(new Flow.Response(0, List.of(), new byte[0]));
    response.put("status", r.status());
    response.put("statusText", "");
    response.put("httpVersion", maybe.isPresent() ? "HTTP/1.1" : "");
    response.set("cookies", cookies(r.headers(), "set-cookie"));
    response.set("headers", headers(r.headers()));
    ObjectNode content = response.putObject("content");
    byte[] body = r.body();
    content.put("size", body.length);
    content.put("mimeType", header(r.headers(), "Content-Type").orElse(""));
    if (body.length > 0) {
      putBody(content, body);
    }
    response.put("redirectURL", header(r.headers(), "Location").orElse(""));
    response.put("headersSize", -1);
    response.put("bodySize", maybe.isPresent() ? body.length : -1);
    return response;
  }

  private static void putBody(ObjectNode node, byte[] body) {
    Optional<String> text = utf8(body);
    if (text.isPresent()) {
      node.put("text", text.get());
    } else {
      node.put("text", Base64.getEncoder().encodeToString(body));
      node.put("encoding", "base64");
      node.put("_encoding", "base64");
    }
  }

  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static ArrayNode headers(List<Header> headers) {
    ArrayNode array = JSON.createArrayNode();
    for (Header h : headers) {
      ObjectNode node = array.addObject();
      node.put("name", h.name());
      node.put("value", h.value());
    }
    return array;
  }

  private static ArrayNode cookies(List<Header> headers, String headerName) {
    ArrayNode array = JSON.createArrayNode();
    for (Header h : headers) {
      if (!h.name().equalsIgnoreCase(headerName)) {
        continue;
      }
      // a Set-Cookie carries one cookie and then its attributes; a Cookie carries many
      String[] parts = headerName.equals("cookie") ? h.value().split(";") :
          new String[] {h.value().split(";", 2)[0]};
      for (String part : parts) {
        String[] nv = part.trim().split("=", 2);
        if (nv[0].isEmpty()) {
          continue;
        }
        ObjectNode cookie = array.addObject();
        cookie.put("name", nv[0]);
        cookie.put("value", nv.length > 1 ? nv[1] : "");
      }
    }
    return array;
  }

  private static ArrayNode queryString(String url) {
    ArrayNode array = JSON.createArrayNode();
    int q = url.indexOf('?');
    if (q < 0) {
      return array;
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] nv = pair.split("=", 2);
      ObjectNode node = array.addObject();
      node.put("name", decode(nv[0]));
      node.put("value", nv.length > 1 ? decode(nv[1]) : "");
    }
    return array;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static Optional<String> header(List<Header> headers, String name) {
    return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
        .findFirst();
  }
}
