package io.phonehome.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Reads HAR 1.2 as mitmproxy, browsers, Charles and {@link HarWriter} write it. Missing
 * optional fields are tolerated; an entry that cannot be used is skipped and named in
 * {@link Result#problems()}, so one corrupt entry does not hide the others.
 *
 * <pre>{@code
 * HarReader.Result har = HarReader.read(Path.of("session.har"));
 * har.problems().forEach(System.err::println);
 * List<Flow> flows = har.flows();   // flow index = HAR entry index
 * }</pre>
 */
public final class HarReader {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** Reads HAR from {@code in}; {@code source} names it in messages. */
  public static Result read(InputStream in, String source) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is not JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr(), e);
    }
    JsonNode entries = root == null ? null : root.path("log").get("entries");
    if (entries == null || !entries.isArray()) {
      throw new IOException(source + " is not HAR 1.2: it has no log.entries array");
    }
    List<Flow> flows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        flows.add(entry(i, entries.get(i), problems));
      } catch (IllegalArgumentException e) {
        problems.add("entry " + i + " skipped: " + e.getMessage());
      }
    }
    return new Result(flows, problems);
  }

  private static Flow entry(int index, JsonNode entry, List<String> problems) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    JsonNode request = entry.get("request");
    if (request == null || !request.isObject()) {
      throw new IllegalArgumentException("no request");
    }
    String url = request.path("url").asText("");
    if (url.isEmpty()) {
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
    byte[] body = postData(request.get("postData"), index, problems);
    return new Flow(index, time(entry.get("startedDateTime"), index, problems), channel,
        request.path("method").asText(""), url, host, headers, body,
        response(entry.get("response"), index, problems),
        entry.hasNonNull("_error") ? Optional.of(entry.get("_error").asText())
            : Optional.empty());
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
