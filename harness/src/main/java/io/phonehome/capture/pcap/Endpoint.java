package io.phonehome.capture.pcap;

import java.util.Objects;

/**
 * One side of a connection as a packet capture names it.
 *
 * @param address the IP address in its usual text form ({@code 10.0.0.1}, {@code ::1})
 * @param port the TCP or UDP port
 */
public record Endpoint(String address, int port) {
  public Endpoint {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
  public boolean isLoopback() {
    return address.startsWith("127.") || address.equals("::1")
        || address.startsWith("::ffff:127.");
  }

  @Override
  public String toString() {
    return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
  }
}
