package io.phonehome.simulator.net;

import java.util.List;
import java.util.Map;

/**
 * One request the firmware sends. {@code Host}, {@code Content-Length} and
 * {@code Connection} are added on the wire.
 *
 * @param headers in sending order
 * @param body {@code null} for none
 * @param uploadRate body bytes per second on the wire: the head goes at once, the body
 *     follows in paced chunks; {@code 0} sends head and body at once
 */
public record HttpRequest(String method, Url url, List<Map.Entry<String, String>> headers, byte[] body,
    long uploadRate) {
  public HttpRequest {
    headers = List.copyOf(headers);
    body = body == null ? null : body.clone();
    if (uploadRate < 0) {
      throw new IllegalArgumentException("upload rate must be 0 (unthrottled) or positive: " + uploadRate);
    }
  }

  /** A request sent at full speed (upload rate 0). */
  public HttpRequest(String method, Url url, List<Map.Entry<String, String>> headers, byte[] body) {
    this(method, url, headers, body, 0);
  }

  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }
}
