package io.phonehome.capture;

import java.util.OptionalLong;

/**
 * How many payload bytes a connection carried each way, for flows whose content the
 * harness cannot read or did not get as HTTP: a TLS handshake the phone refused, a socket
 * around the proxy, QUIC.
 *
 * @param sent bytes the phone sent
 * @param received bytes that came back, when the capture saw them (the proxy does not
 *     count what it answered a refused handshake with)
 */
public record ByteCount(long sent, OptionalLong received) {
  public ByteCount {
    if (sent < 0) {
      throw new IllegalArgumentException("sent bytes must be >= 0, was " + sent);
    }
    java.util.Objects.requireNonNull(received, "received");
  }

  public static ByteCount of(long sent, long received) {
    return new ByteCount(sent, OptionalLong.of(received));
  }

  public static ByteCount sentOnly(long sent) {
    return new ByteCount(sent, OptionalLong.empty());
  }

  /** {@code 517 bytes up, 1,204 down} or {@code 517 bytes up}. */
  public String describe() {
    return sent + " bytes up" + (received.isPresent() ? ", " + received.getAsLong() + " down" : "");
  }
}
