package io.phonehome.capture.pcap;

import java.time.Instant;
import java.util.Objects;

/**
 * One UDP datagram.
 *
 * @param time when it was captured
 * @param source sender
 * @param destination receiver
 * @param payload the UDP payload, empty once the capture's UDP cap was reached
 * @param length the payload length on the wire (as captured)
 */
public record UdpDatagram(Instant time, Endpoint source, Endpoint destination,
    byte[] payload, int length) {

  public UdpDatagram {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
