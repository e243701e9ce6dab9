package io.phonehome.capture.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes small captures for tests: classic pcap in either byte order, or pcapng. */
public final class PcapWriter {
  /** The file format and byte order written. */
  public enum Format { PCAP_LITTLE_MICROS, PCAP_BIG_NANOS, PCAPNG }

  private final Format format;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<Integer> interfaces = new ArrayList<>();

  /** A writer whose first (for classic pcap: only) interface has this link type. */
  public PcapWriter(Format format, int linkType) {
    this.format = format;
    if (format == Format.PCAPNG) {
      // section header, byte-order magic, version 1.0, unknown section length
      ByteBuffer shb = le(28);
      shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1)
          .putShort((short) 0).putLong(-1).putInt(28);
      write(shb);
      addInterface(linkType);
    } else {
      ByteOrder order = format == Format.PCAP_LITTLE_MICROS
          ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      ByteBuffer h = ByteBuffer.allocate(24).order(order);
      h.putInt(format == Format.PCAP_LITTLE_MICROS ? 0xA1B2C3D4 : 0xA1B23C4D)
          .putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
          .putInt(linkType);
      write(h);
      interfaces.add(linkType);
    }
  }

  /** Adds a pcapng interface with a comment option and nanosecond timestamps; its id. */
  int addInterface(int linkType) {
    byte[] comment = "test interface".getBytes();
    int commentPadded = (comment.length + 3) & ~3;
    int length = 8 + 8 + (4 + commentPadded) + (4 + 4) + 4 + 4;
    ByteBuffer idb = le(length);
    idb.putInt(1).putInt(length).putShort((short) linkType).putShort((short) 0)
        .putInt(262144);
    idb.putShort((short) 1).putShort((short) comment.length).put(comment);
    idb.position(idb.position() + commentPadded - comment.length);
    idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
    idb.putInt(0).putInt(length);
    write(idb);
    interfaces.add(linkType);
    return interfaces.size() - 1;
  }

  public PcapWriter packet(Instant time, byte[] frame) {
    return packet(0, time, frame);
  }

  PcapWriter packet(int iface, Instant time, byte[] frame) {
    if (format == Format.PCAPNG) {
      int padded = (frame.length + 3) & ~3;
      int length = 32 + padded;
      long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
      ByteBuffer epb = le(length);
      epb.putInt(6).putInt(length).putInt(iface).putInt((int) (nanos >>> 32))
          .putInt((int) nanos).putInt(frame.length).putInt(frame.length).put(frame);
      epb.position(epb.position() + padded - frame.length);
      epb.putInt(length);
      write(epb);
      return this;
    }
    boolean little = format == Format.PCAP_LITTLE_MICROS;
    ByteBuffer r = ByteBuffer.allocate(16 + frame.length)
        .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    r.putInt((int) time.getEpochSecond())
        .putInt(little ? time.getNano() / 1000 : time.getNano())
        .putInt(frame.length).putInt(frame.length).put(frame);
    write(r);
    return this;
  }

  /** A pcapng simple packet block (no timestamp, interface 0). */
  PcapWriter simplePacket(byte[] frame) {
    int padded = (frame.length + 3) & ~3;
    int length = 16 + padded;
    ByteBuffer spb = le(length);
    spb.putInt(3).putInt(length).putInt(frame.length).put(frame);
    spb.position(spb.position() + padded - frame.length);
    spb.putInt(length);
    write(spb);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void write(ByteBuffer b) {
    out.write(b.array(), 0, b.capacity());
  }
}
