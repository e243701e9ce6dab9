package io.phonehome.simulator.net.packet;

/**
 * One IPv4 packet of the handset's network as a capture shows it.
 *
 * @param timeMicros when it happened, microseconds since the epoch
 * @param outgoing {@code true} when the phone sent it, {@code false} when it received it
 * @param ip the IPv4 datagram, header included
 */
public record Packet(long timeMicros, boolean outgoing, byte[] ip) {
  public Packet {
    ip = ip.clone();
  }

  @Override
  public byte[] ip() {
    return ip.clone();
  }

  /** Its size in the log. */
  int size() {
    return ip.length + 32;
  }
}
