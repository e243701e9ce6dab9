package io.phonehome.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads HAR 1.2 as mitmproxy, browsers (Chrome, Firefox), Charles and {@link HarWriter}
 * write it. Request bodies are taken from {@code postData.text}, base64-decoded when
 * {@code postData.encoding} or {@code _encoding} says {@code base64}. Missing optional
 * fields are tolerated; an entry that cannot be used is skipped and named in
 * {@link Result#problems()}, so one corrupt entry does not hide the others.
 *
 * <p>{@link #read(Path)} holds every flow in memory; for large captures use
 * {@link HarStream}, which this class is built on, and which hands over one entry at a
 * time and spools bodies too large for memory to temporary files.
 *
 * <pre>{@code
 * HarReader.Result har = HarReader.read(Path.of("session.har"));
 * har.problems().forEach(System.err::println);
 * List<Flow> flows = har.flows();   // flow index = HAR entry index
 * }</pre>
 */
public final class HarReader {
  private HarReader() {}

  /**
   * The flows of a HAR file and what could not be read.
   *
   * @param flows one flow per usable entry; its index is the entry's index in the file
   * @param problems one line per skipped entry or unreadable field, naming the entry index
   */
  public record Result(List<Flow> flows, List<String> problems) {
    public Result {
      flows = List.copyOf(flows);
      problems = List.copyOf(problems);
    }
  }

  /** Reads {@code file}; throws {@link IOException} naming the file when it is not HAR. */
  public static Result read(Path file) throws IOException {
    try (HarStream stream = HarStream.open(file)) {
      return collect(stream);
    }
  }

  /** Reads HAR from {@code in}; {@code source} names it in messages. */
  public static Result read(InputStream in, String source) throws IOException {
    try (HarStream stream = HarStream.open(in, source, HarStream.DEFAULT_LARGE_BODY,
        Path.of(System.getProperty("java.io.tmpdir")))) {
      return collect(stream);
    }
  }

  private static Result collect(HarStream stream) throws IOException {
    List<Flow> flows = new ArrayList<>();
    while (stream.hasNext()) {
      HarStream.Entry entry = stream.next();
      Flow flow = entry.flow();
      if (entry.largeBody().isPresent()) {
        try (LargeBody body = entry.largeBody().get()) {
          if (body.size() > Integer.MAX_VALUE - 64) {
            stream.problem("entry " + flow.index() + ": request body of " + body.size()
                + " bytes is too large to hold in memory; read as empty (audit streams it)");
          } else {
            flow = flow.withRequestBody(body.readAll());
          }
        }
      }
      flows.add(flow);
    }
    return new Result(flows, stream.takeProblems());
  }

  /** Where placeholders of spooled strings are resolved. */
  interface Spools {
    /** The spooled string a placeholder stands for, or null when the text is no placeholder. */
    LargeStringDiverter.Spooled take(String text);
  }

  /** One entry converted: the flow, and its request body when it was spooled. */
  record Converted(Flow flow, LargeBody largeBody) {}

  /** Turns one entry object into a flow; throws IllegalArgumentException for an unusable entry. */
  static Converted entry(int index, JsonNode entry, List<String> problems, Spools spools) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    JsonNode request = entry.get("request");
    LargeBody[] large = new LargeBody[1];
    resolve(entry, "", index, problems, spools, large);
    if (request == null || !request.isObject()) {
      dropQuietly(large[0]);
      throw new IllegalArgumentException("no request");
    }
    String url = request.path("url").asText("");
    if (url.isEmpty()) {
      dropQuietly(large[0]);
      throw new IllegalArgumentException("no request.url");
    }
    List<Header> headers = headers(request.get("headers"));
    Channel channel = Channel.PROXY;
    if (entry.hasNonNull("_channel")) {
      try {
        channel = Channel.fromWireName(entry.get("_channel").asText());
      } catch (IllegalArgumentException e) {
        problems.add("entry " + index + ": " + e.getMessage() + "; read as proxy");
      }
    }
    String host = entry.hasNonNull("_host") ? entry.get("_host").asText() : host(url, headers);
    byte[] body = large[0] != null ? new byte[0] : postData(request.get("postData"), index, problems);
    Flow flow = new Flow(index, time(entry.get("startedDateTime"), index, problems), channel,
        request.path("method").asText(""), url, host, headers, body,
        response(entry.get("response"), index, problems),
        entry.hasNonNull("_error") ? Optional.of(entry.get("_error").asText())
            : Optional.empty(), byteCount(entry.get("_bytes")),
        entry.hasNonNull("_incomplete") ? Optional.of(entry.get("_incomplete").asText())
            : Optional.empty());
    return new Converted(flow, large[0]);
  }

  private static final int MAX_SPOOLED_TEXT = 64 << 20;

  /** The {@code _bytes} a phonehome HAR keeps for flows a packet capture or refused TLS counted. */
  private static Optional<ByteCount> byteCount(JsonNode bytes) {
    if (bytes == null || !bytes.path("sent").canConvertToLong() || bytes.path("sent").asLong() < 0) {
      return Optional.empty();
    }
    long sent = bytes.get("sent").asLong();
    return Optional.of(bytes.path("received").canConvertToLong()
        ? ByteCount.of(sent, bytes.get("received").asLong()) : ByteCount.sentOnly(sent));
  }

  /**
   * Replaces placeholders of spooled strings: the request body becomes a {@link LargeBody},
   * a response body is dropped (the detector reads requests only), any other field is read
   * back as text, up to 64 MiB.
   */
  private static void resolve(JsonNode node, String path, int index, List<String> problems,
      Spools spools, LargeBody[] large) {
    if (node instanceof ObjectNode object) {
      for (var it = object.fields(); it.hasNext();) {
        var field = it.next();
        String where = path + "/" + field.getKey();
        JsonNode value = field.getValue();
        if (value.isTextual()) {
          LargeStringDiverter.Spooled spooled = spools.take(value.textValue());
          if (spooled != null) {
            field.setValue(spooledValue(object, where, spooled, index, problems, large));
          }
        } else if (value.isContainerNode()) {
          resolve(value, where, index, problems, spools, large);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual()) {
          LargeStringDiverter.Spooled spooled = spools.take(value.textValue());
          if (spooled != null) {
            array.set(i, spooledValue(null, path + "/" + i, spooled, index, problems, large));
          }
        } else if (value.isContainerNode()) {
          resolve(value, path + "/" + i, index, problems, spools, large);
        }
      }
    }
  }

  private static JsonNode spooledValue(ObjectNode parent, String where,
      LargeStringDiverter.Spooled spooled, int index, List<String> problems, LargeBody[] large) {
    if (where.equals("/request/postData/text") && large[0] == null) {
      large[0] = new LargeBody(spooled.file(), spooled.bytes(),
          isBase64(parent.get("encoding")) || isBase64(parent.get("_encoding")));
      return TextNode.valueOf("");
    }
    try {
      if (where.equals("/response/content/text")) {
        return TextNode.valueOf("");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(spooled.file())) {
        bytes = in.readNBytes(MAX_SPOOLED_TEXT);
      }
      if (spooled.bytes() > MAX_SPOOLED_TEXT) {
        problems.add("entry " + index + ": " + where.substring(1) + " is " + spooled.bytes()
            + " bytes long; only its first " + MAX_SPOOLED_TEXT + " were read");
      }
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add("entry " + index + ": cannot read back " + where.substring(1) + ": " + e.getMessage());
      return TextNode.valueOf("");
    } finally {
      LargeStringDiverter.deleteQuietly(spooled.file());
    }
  }

  private static void dropQuietly(LargeBody body) {
    if (body != null) {
      body.close();
    }
  }

  private static Instant time(JsonNode node, int index, List<String> problems) {
    if (node == null || node.isNull()) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add("entry " + index + ": startedDateTime \"" + node.asText()
          + "\" is not ISO 8601; read as 1970-01-01");
      return Instant.EPOCH;
    }
  }

  private static List<Header> headers(JsonNode array) {
    List<Header> headers = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode h : array) {
        if (h.hasNonNull("name")) {
          headers.add(new Header(h.get("name").asText(), h.path("value").asText("")));
        }
      }
    }
    return headers;
  }

  private static byte[] postData(JsonNode postData, int index, List<String> problems) {
    if (postData == null || !postData.isObject()) {
      return new byte[0];
    }
    if (postData.hasNonNull("text")) {
      return body(postData, "request.postData", index, problems);
    }
    // browsers sometimes keep only the parsed form fields
    JsonNode params = postData.get("params");
    if (params != null && params.isArray() && !params.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (JsonNode p : params) {
        pairs.add(URLEncoder.encode(p.path("name").asText(""), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(p.path("value").asText(""), StandardCharsets.UTF_8));
      }
      return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }
    return new byte[0];
  }

  private static byte[] body(JsonNode node, String where, int index, List<String> problems) {
    String text = node.path("text").asText("");
    if (isBase64(node.get("encoding")) || isBase64(node.get("_encoding"))) {
      try {
        return Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        problems.add("entry " + index + ": " + where + " says base64 but is not ("
            + e.getMessage() + "); read as text");
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isBase64(JsonNode encoding) {
    return encoding != null && "base64".equalsIgnoreCase(encoding.asText());
  }

  private static Optional<Flow.Response> response(JsonNode response, int index,
      List<String> problems) {
    if (response == null || !response.isObject()) {
      return Optional.empty();
    }
    int status = response.path("status").asInt(0);
    if (status <= 0) {
      return Optional.empty();
    }
    JsonNode content = response.get("content");
    byte[] body = content != null && content.hasNonNull("text")
        ? body(content, "response.content", index, problems) : new byte[0];
    return Optional.of(new Flow.Response(status, headers(response.get("headers")), body));
  }

  private static String host(String url, List<Header> headers) {
    try {
      String host = new URI(url).getHost();
      if (host != null) {
        return host;
      }
    } catch (URISyntaxException e) {
      // fall through to the Host header
    }
    return headers.stream().filter(h -> h.name().equalsIgnoreCase("host")).map(Header::value)
        .findFirst().orElse("");
  }
}
