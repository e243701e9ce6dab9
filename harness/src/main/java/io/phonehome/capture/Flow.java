package io.phonehome.capture;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the phone sent: an HTTP request the proxy saw (with its response, if any),
 * or a connection whose content stayed hidden (TLS the phone refused to open with the
 * lab CA). Bodies are as sent on the wire, before any Content-Encoding is undone.
 *
 * @param index position in the capture, from 0, in the order requests were seen: the proxy's
 *     capture for channels proxy and tls-refused, the packet capture for the others; with
 *     the channel it makes the flow's {@link #id()}
 * @param time when the request was seen
 * @param channel how it left the phone
 * @param method HTTP method, or empty where the channel hides it
 * @param url full URL, or {@code scheme://host:port} where the channel hides the path
 * @param host the host the phone asked for (Host header, SNI or address)
 * @param requestHeaders request headers in order
 * @param requestBody request body bytes as sent
 * @param response the response, when one came back
 * @param error why the flow failed, when it did
 * @param bytes payload bytes each way, where the capture counted them (packet captures,
 *     refused TLS); empty for proxied HTTP, whose body is the content
 * @param incomplete why the request body is not whole, when it is not: {@code upload still
 *     in flight when the window closed: 1000 of 5000 bytes arrived}, {@code upload cut short:
 *     ...}; the body then holds the bytes that arrived
 */
public record Flow(
    int index,
    Instant time,
    Channel channel,
    String method,
    String url,
    String host,
    List<Header> requestHeaders,
    byte[] requestBody,
    Optional<Response> response,
    Optional<String> error,
    Optional<ByteCount> bytes,
    Optional<String> incomplete) {

  public Flow {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    requestHeaders = List.copyOf(requestHeaders);
    requestBody = requestBody == null ? new byte[0] : requestBody.clone();
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(incomplete, "incomplete");
  }

  /** A flow whose request arrived whole. */
  public Flow(int index, Instant time, Channel channel, String method, String url, String host,
      List<Header> requestHeaders, byte[] requestBody, Optional<Response> response,
      Optional<String> error, Optional<ByteCount> bytes) {
    this(index, time, channel, method, url, host, requestHeaders, requestBody, response, error,
        bytes, Optional.empty());
  }

  /** A flow without byte counts: proxied HTTP, or a capture that did not count them. */
  public Flow(int index, Instant time, Channel channel, String method, String url, String host,
      List<Header> requestHeaders, byte[] requestBody, Optional<Response> response,
      Optional<String> error) {
    this(index, time, channel, method, url, host, requestHeaders, requestBody, response, error,
        Optional.empty(), Optional.empty());
  }

  @Override
  public byte[] requestBody() {
    return requestBody.clone();
  }

  /** The first request header with this name, ignoring case. */
  public Optional<String> requestHeader(String name) {
    return requestHeaders.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** Which flow this is: its index and the capture that numbered it (see {@link FlowId}). */
  public FlowId id() {
    return FlowId.of(channel, index);
  }

  /** The same flow under another index (captures are renumbered when merged). */
  public Flow withIndex(int newIndex) {
    return new Flow(newIndex, time, channel, method, url, host, requestHeaders, requestBody,
        response, error, bytes, incomplete);
  }

  /** The same flow with the byte counts the capture made. */
  public Flow withBytes(ByteCount counted) {
    return new Flow(index, time, channel, method, url, host, requestHeaders, requestBody,
        response, error, Optional.of(counted), incomplete);
  }

  /** The same flow with another request body (a body read apart from the rest of its capture). */
  public Flow withRequestBody(byte[] body) {
    return new Flow(index, time, channel, method, url, host, requestHeaders, body,
        response, error, bytes, incomplete);
  }

  /** What came back. */
  public record Response(int status, List<Header> headers, byte[] body) {
    public Response {
      headers = List.copyOf(headers);
      body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }
}
