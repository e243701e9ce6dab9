package io.phonehome.simulator.net;

import java.util.List;
import java.util.Map;

/**
 * One request the firmware sends. {@code Host}, {@code Content-Length} and
 * {@code Connection} are added on the wire.
 *
 * @param headers in sending order
 * @param body {@code null} for none
 */
public record HttpRequest(String method, Url url, List<Map.Entry<String, String>> headers, byte[] body) {
  public HttpRequest {
    headers = List.copyOf(headers);
    body = body == null ? null : body.clone();
  }

  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }
}
