package io.phonehome.simulator.net.packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handset's network as a capture on the phone would show it: the phone is
 * {@value #PHONE} on Wi-Fi, its resolver is {@value #RESOLVER}, and a name the firmware
 * connects to resolves (synthetically, in the log only) to an address in 198.51.100.0/24,
 * a documentation range no real host has. Nothing here sends a real packet.
 */
public final class HandsetCapture {
  /** The phone's own address. */
  public static final String PHONE = "192.168.1.23";
  /** The DNS server the phone asks. */
  public static final String RESOLVER = "8.8.8.8";

  private final PacketLog log;
  private final byte[] phone = Ipv4.address(PHONE);
  private final byte[] resolver = Ipv4.address(RESOLVER);
  private final AtomicInteger ports = new AtomicInteger(40_000);
  private final AtomicInteger dnsIds = new AtomicInteger(0x2a31);

  public HandsetCapture(PacketLog log) {
    this.log = log;
  }

  public PacketLog log() {
    return log;
  }

  /** A new TCP connection from the phone to {@code address:port} (nothing logged yet). */
  public TcpFlow tcp(byte[] address, int port) {
    return new TcpFlow(log, phone, ephemeralPort(), address, port);
  }

  /**
   * The address the phone connects to for {@code host}: an IPv4 literal as it is, a name
   * after a logged DNS query and its synthetic answer.
   */
  public byte[] resolve(String host) {
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Ipv4.address(host);
    }
    byte[] address = syntheticAddress(host);
    dns(host, address);
    return address;
  }

  /** A DNS query for {@code name} and its synthetic answer. */
  public void dnsQuery(String name) {
    dns(name, syntheticAddress(name));
  }

  /** One UDP datagram from the phone. */
  public void udp(byte[] address, int port, byte[] payload) {
    log.add(true, Ipv4.udp(phone, ephemeralPort(), address, port, payload));
  }

  private void dns(String name, byte[] answer) {
    int id = dnsIds.getAndIncrement() & 0xffff;
    int port = ephemeralPort();
    log.add(true, Ipv4.udp(phone, port, resolver, 53, Dns.query(id, name)));
    log.add(false, Ipv4.udp(resolver, 53, phone, port, Dns.answer(id, name, answer)));
  }

  private int ephemeralPort() {
    return 40_000 + Math.floorMod(ports.getAndIncrement() - 40_000, 20_000);
  }

  /** 198.51.100.1 to .254, stable per name. */
  static byte[] syntheticAddress(String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return new byte[] {(byte) 198, 51, 100, (byte) (1 + Math.floorMod(d[0], 254))};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
