package io.phonehome.simulator.net.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds IPv4 datagrams carrying TCP segments or UDP datagrams, with valid checksums. */
public final class Ipv4 {
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  private static final AtomicInteger IDS = new AtomicInteger(0x1c46);

  private Ipv4() {
  }

  /** The four bytes of a dotted IPv4 literal. */
  public static byte[] address(String dotted) {
    try {
      InetAddress a = InetAddress.getByName(dotted);
      if (!(a instanceof Inet4Address) || !dotted.matches("[0-9.]+")) {
        throw new IllegalArgumentException("not an IPv4 literal: " + dotted);
      }
      return a.getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 literal: " + dotted, e);
    }
  }

  /** A TCP segment in an IPv4 datagram; options carry the MSS on SYN segments. */
  public static byte[] tcp(byte[] src, int srcPort, byte[] dst, int dstPort, long seq, long ack,
      int flags, int window, byte[] payload) {
    boolean syn = (flags & SYN) != 0;
    int headerLen = syn ? 24 : 20;
    ByteBuffer t = ByteBuffer.allocate(headerLen + payload.length);
    t.putShort((short) srcPort).putShort((short) dstPort);
    t.putInt((int) seq).putInt((int) ack);
    t.put((byte) ((headerLen / 4) << 4)).put((byte) flags).putShort((short) window);
    t.putShort((short) 0).putShort((short) 0);
    if (syn) {
      t.put((byte) 2).put((byte) 4).putShort((short) TcpFlow.MSS);
    }
    t.put(payload);
    byte[] segment = t.array();
    int sum = checksum(pseudoHeader(src, dst, TCP, segment.length), segment);
    segment[16] = (byte) (sum >> 8);
    segment[17] = (byte) sum;
    return datagram(src, dst, TCP, segment);
  }

  /** A UDP datagram in an IPv4 datagram. */
  public static byte[] udp(byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
    u.put(payload);
    byte[] d = u.array();
    int sum = checksum(pseudoHeader(src, dst, UDP, d.length), d);
    if (sum == 0) {
      sum = 0xffff;
    }
    d[6] = (byte) (sum >> 8);
    d[7] = (byte) sum;
    return datagram(src, dst, UDP, d);
  }

  private static byte[] datagram(byte[] src, byte[] dst, int protocol, byte[] payload) {
    ByteBuffer ip = ByteBuffer.allocate(20 + payload.length);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
    ip.putShort((short) IDS.getAndIncrement()).putShort((short) 0x4000);
    ip.put((byte) 64).put((byte) protocol).putShort((short) 0);
    ip.put(src).put(dst);
    ip.put(payload);
    byte[] out = ip.array();
    int sum = checksum(new byte[0], java.util.Arrays.copyOf(out, 20));
    out[10] = (byte) (sum >> 8);
    out[11] = (byte) sum;
    return out;
  }

  private static byte[] pseudoHeader(byte[] src, byte[] dst, int protocol, int length) {
    return ByteBuffer.allocate(12).put(src).put(dst).put((byte) 0).put((byte) protocol)
        .putShort((short) length).array();
  }

  /** The Internet checksum (RFC 1071) over two byte runs, the first of even length. */
  public static int checksum(byte[] prefix, byte[] data) {
    long sum = 0;
    sum += words(prefix);
    sum += words(data);
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static long words(byte[] b) {
    long sum = 0;
    for (int i = 0; i + 1 < b.length; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    if (b.length % 2 == 1) {
      sum += (b[b.length - 1] & 0xff) << 8;
    }
    return sum;
  }
}
