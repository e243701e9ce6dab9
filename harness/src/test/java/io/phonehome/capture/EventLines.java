package io.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Bridge lines as the addon writes them, for tests. */
final class EventLines {
  private EventLines() {}

  static String request(String id, double time, String method, String url, String body) {
    return request(id, time, method, url, body.getBytes(StandardCharsets.UTF_8));
  }

  static String request(String id, double time, String method, String url, byte[] body) {
    String host = url.replaceFirst("^[a-z]+://", "").replaceFirst("[:/].*$", "");
    return "{\"type\":\"request\",\"id\":\"" + id + "\",\"time\":" + time + ",\"method\":\""
        + method + "\",\"url\":\"" + url + "\",\"host\":\"" + host
        + "\",\"http_version\":\"HTTP/1.1\",\"headers\":[[\"Host\",\"" + host
        + "\"],[\"Content-Type\",\"application/x-www-form-urlencoded\"]],\"body\":\""
        + Base64.getEncoder().encodeToString(body) + "\"}";
  }

  /** An upload still arriving: its head and the bytes so far; {@code expected} -1 for none announced. */
  static String inFlight(String id, double time, String url, String arrived, long expected) {
    return request(id, time, "POST", url, arrived)
        .replaceFirst("\"type\":\"request\"", "\"type\":\"in_flight\"")
        .replaceFirst("}$", ",\"expected\":" + (expected < 0 ? "null" : Long.toString(expected)) + "}");
  }

  static String response(String id, int status, String body) {
    return "{\"type\":\"response\",\"id\":\"" + id + "\",\"time\":1.5,\"status\":" + status
        + ",\"http_version\":\"HTTP/1.1\",\"headers\":[[\"Content-Type\",\"text/plain\"]],"
        + "\"body\":\"" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  static String error(String id, String message) {
    return "{\"type\":\"error\",\"id\":\"" + id + "\",\"time\":2.0,\"message\":\"" + message
        + "\"}";
  }

  static String tlsFailed(String id, double time, String sni) {
    return "{\"type\":\"tls_failed\",\"id\":\"" + id + "\",\"time\":" + time
        + ",\"client\":\"127.0.0.1:40000\",\"sni\":\"" + sni
        + "\",\"server\":\"203.0.113.7:8443\",\"error\":\"The client does "
        + "not trust the proxy's certificate\",\"bytes\":517}";
  }
}
