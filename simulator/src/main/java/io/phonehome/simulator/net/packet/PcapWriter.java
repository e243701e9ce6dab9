package io.phonehome.simulator.net.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Classic pcap (microsecond timestamps, little-endian) with link type Linux cooked
 * capture, {@value #LINKTYPE_LINUX_SLL}, as {@code tcpdump -i any -w -} writes it.
 */
public final class PcapWriter {
  /** LINKTYPE_LINUX_SLL. */
  public static final int LINKTYPE_LINUX_SLL = 113;
  private static final int SNAPLEN = 262_144;
  private static final byte[] PHONE_MAC = {(byte) 0x64, (byte) 0x09, (byte) 0x80, 0x12, 0x34, 0x56};
  private static final byte[] ROUTER_MAC = {(byte) 0xc0, (byte) 0x4a, 0x00, 0x2d, 0x7e, 0x01};

  private PcapWriter() {
  }

  /** The 24-byte global header. */
  public static byte[] globalHeader() {
    return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
        .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_LINUX_SLL).array();
  }

  /** One record: its header, the 16-byte cooked header and the IP datagram. */
  public static byte[] record(Packet p) {
    byte[] ip = p.ip();
    int len = 16 + ip.length;
    ByteBuffer b = ByteBuffer.allocate(16 + len).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (p.timeMicros() / 1_000_000)).putInt((int) (p.timeMicros() % 1_000_000));
    b.putInt(len).putInt(len);
    b.order(ByteOrder.BIG_ENDIAN);
    b.putShort((short) (p.outgoing() ? 4 : 0));
    b.putShort((short) 1);
    b.putShort((short) 6);
    b.put(p.outgoing() ? PHONE_MAC : ROUTER_MAC).put(new byte[2]);
    b.putShort((short) 0x0800);
    b.put(ip);
    return b.array();
  }
}
