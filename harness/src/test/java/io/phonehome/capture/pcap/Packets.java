package io.phonehome.capture.pcap;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Frames for test captures: link layers around IP around TCP or UDP. */
public final class Packets {
  static final int SYN = 0x02;
  static final int ACK = 0x10;
  static final int PSH_ACK = 0x18;
  static final int FIN_ACK = 0x11;

  private Packets() {}

  static byte[] tcp(String src, int sport, String dst, int dport, long seq, int flags,
      byte[] payload) {
    ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
    t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt(0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0)
        .putShort((short) 0).put(payload);
    return ip(src, dst, 6, t.array());
  }

  static byte[] tcp(String src, int sport, String dst, int dport, long seq, int flags,
      String payload) {
    return tcp(src, sport, dst, dport, seq, flags, payload.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] udp(String src, int sport, String dst, int dport, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    return ip(src, dst, 17, u.array());
  }

  /** An IPv4 or IPv6 packet, by the form of the addresses. */
  static byte[] ip(String src, String dst, int protocol, byte[] transport) {
    byte[] s = address(src);
    byte[] d = address(dst);
    if (s.length == 4) {
      ByteBuffer p = ByteBuffer.allocate(20 + transport.length);
      p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length))
          .putShort((short) 1).putShort((short) 0x4000).put((byte) 64).put((byte) protocol)
          .putShort((short) 0).put(s).put(d);
      byte[] a = p.array();
      int sum = 0;
      for (int i = 0; i < 20; i += 2) {
        sum += ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
      }
      sum = (sum & 0xFFFF) + (sum >> 16);
      sum = ~((sum & 0xFFFF) + (sum >> 16));
      a[10] = (byte) (sum >> 8);
      a[11] = (byte) sum;
      System.arraycopy(transport, 0, a, 20, transport.length);
      return a;
    }
    // with a destination-options extension header, which the reader must skip
    ByteBuffer p = ByteBuffer.allocate(40 + 8 + transport.length);
    p.putInt(0x60000000).putShort((short) (8 + transport.length)).put((byte) 60)
        .put((byte) 64).put(s).put(d);
    p.put((byte) protocol).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0});
    p.put(transport);
    return p.array();
  }

  static byte[] ethernet(byte[] ip) {
    ByteBuffer f = ByteBuffer.allocate(14 + ip.length);
    f.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2})
        .putShort((short) (version(ip) == 4 ? 0x0800 : 0x86DD)).put(ip);
    return f.array();
  }

  static byte[] sll(byte[] ip) {
    ByteBuffer f = ByteBuffer.allocate(16 + ip.length);
    f.putShort((short) 4).putShort((short) 1).putShort((short) 6)
        .put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0})
        .putShort((short) (version(ip) == 4 ? 0x0800 : 0x86DD)).put(ip);
    return f.array();
  }

  static byte[] sll2(byte[] ip) {
    ByteBuffer f = ByteBuffer.allocate(20 + ip.length);
    f.putShort((short) (version(ip) == 4 ? 0x0800 : 0x86DD)).putShort((short) 0)
        .putInt(1).putShort((short) 1).put((byte) 4).put((byte) 6)
        .put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).put(ip);
    return f.array();
  }

  /** BSD loopback: the address family in host (here little-endian) byte order. */
  static byte[] loopback(byte[] ip) {
    ByteBuffer f = ByteBuffer.allocate(4 + ip.length);
    f.put(new byte[] {(byte) (version(ip) == 4 ? 2 : 30), 0, 0, 0}).put(ip);
    return f.array();
  }

  public static byte[] dnsQuery(int id, String name, int type) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      m.write(label.length());
      m.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    m.write(0);
    m.writeBytes(new byte[] {(byte) (type >> 8), (byte) type, 0, 1});
    return m.toByteArray();
  }

  /** The response to {@link #dnsQuery} with one A record per address, the name compressed. */
  static byte[] dnsAnswer(int id, String name, String... ipv4) {
    byte[] query = dnsQuery(id, name, 1);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(query);
    byte[] out = m.toByteArray();
    out[2] = (byte) 0x81;
    out[3] = (byte) 0x80;
    out[7] = (byte) ipv4.length;
    m.reset();
    m.writeBytes(out);
    for (String address : ipv4) {
      m.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4});
      m.writeBytes(address(address));
    }
    return m.toByteArray();
  }

  /** A TLS 1.2 record holding a ClientHello with one cipher suite and an SNI. */
  static byte[] clientHello(String sni) {
    byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer ext = ByteBuffer.allocate(4 + 2 + 3 + name.length + 4);
    ext.putShort((short) 0).putShort((short) (2 + 3 + name.length))
        .putShort((short) (3 + name.length)).put((byte) 0).putShort((short) name.length)
        .put(name);
    // an empty extended_master_secret extension after it
    ext.putShort((short) 23).putShort((short) 0);
    byte[] extensions = ext.array();
    ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 4 + 2 + 2 + extensions.length);
    body.putShort((short) 0x0303).put(new byte[32]).put((byte) 0)
        .putShort((short) 2).putShort((short) 0x1301).put((byte) 1).put((byte) 0)
        .putShort((short) extensions.length).put(extensions);
    byte[] b = body.array();
    ByteBuffer record = ByteBuffer.allocate(5 + 4 + b.length);
    record.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + b.length))
        .put((byte) 1).put((byte) 0).putShort((short) b.length).put(b);
    return record.array();
  }

  static byte[] applicationData(int length) {
    ByteBuffer r = ByteBuffer.allocate(5 + length);
    r.put((byte) 23).putShort((short) 0x0303).putShort((short) length);
    return r.array();
  }

  /** A QUIC v1 Initial's first bytes: long header, fixed bit, version 1, then padding. */
  static byte[] quicInitial() {
    byte[] p = new byte[1200];
    p[0] = (byte) 0xC3;
    p[4] = 1;
    p[5] = 8;
    return p;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static int version(byte[] ip) {
    return (ip[0] & 0xF0) >> 4;
  }

  private static byte[] address(String text) {
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
