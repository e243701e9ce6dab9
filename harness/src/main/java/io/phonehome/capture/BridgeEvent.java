package io.phonehome.capture;

import java.time.Instant;
import java.util.List;

/**
 * One line the bridge addon sends: what mitmdump saw, as it saw it. Bodies are the bytes
 * on the wire, Content-Encoding not undone.
 */
public sealed interface BridgeEvent {

  /** The first line: mitmdump is running, with the addresses it listens on. */
  record Hello(String mode, long pid, List<String> listen, List<String> errors)
      implements BridgeEvent {
    public Hello {
      listen = List.copyOf(listen);
      errors = List.copyOf(errors);
    }
  }

  /** A request as the phone sent it, reported before any upstream connection. */
  record Request(String id, Instant time, String method, String url, String host,
      String httpVersion, List<Header> headers, byte[] body) implements BridgeEvent {
    public Request {
      headers = List.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * A request whose body was still arriving when the bridge was asked (a window closed,
   * mitmdump stopped) or when the phone cut it short: its head and the body bytes so far.
   *
   * @param expected the length its Content-Length announced, -1 where it announced none
   */
  record InFlight(String id, Instant time, String method, String url, String host,
      String httpVersion, List<Header> headers, byte[] arrived, long expected)
      implements BridgeEvent {
    public InFlight {
      headers = List.copyOf(headers);
      arrived = arrived.clone();
    }

    @Override
    public byte[] arrived() {
      return arrived.clone();
    }
  }

  /** The response to the request with the same id. */
  record Response(String id, Instant time, int status, String httpVersion, List<Header> headers,
      byte[] body) implements BridgeEvent {
    public Response {
      headers = List.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** The request with the same id failed (connection refused, reset, ...). */
  record Error(String id, Instant time, String message) implements BridgeEvent {}

  /**
   * The phone would not finish TLS with the lab CA.
   *
   * @param server {@code host:port} the phone asked the proxy for (CONNECT), or empty
   * @param bytes what the phone sent before giving up (its ClientHello), 0 when unknown
   */
  record TlsFailed(String id, Instant time, String client, String sni, String server,
      String error, long bytes) implements BridgeEvent {}
}
