package io.phonehome.simulator.net;

import java.time.Instant;

/**
 * What one connection brought to the loopback sink.
 *
 * @param host the destination the handset asked for: TLS SNI, else the Host header, else empty
 * @param tls whether it came as TLS (then {@code bytes} is the decrypted request)
 * @param bytes what arrived, capped
 */
public record SinkRecord(Instant at, String host, boolean tls, byte[] bytes) {
  public SinkRecord {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The request line, or empty when what arrived was not HTTP. */
  public String requestLine() {
    String text = HttpWire.latin1(bytes);
    int end = text.indexOf("\r\n");
    return end < 0 ? "" : text.substring(0, end);
  }
}
