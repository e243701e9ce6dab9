package io.phonehome.capture.pcap;

/**
 * Bounds that keep a large or hostile capture from exhausting memory.
 *
 * @param maxStreamBytes bytes kept per TCP direction; later bytes are counted, not kept
 * @param maxPacketBytes largest captured packet accepted before the file is called corrupt
 * @param reorderWindow how far ahead of the next expected byte an out-of-order segment may
 *     start and still be held for reassembly
 * @param maxUdpBytes UDP payload bytes kept for the whole capture; later datagrams keep
 *     their addresses but not their payload
 */
public record PcapLimits(int maxStreamBytes, int maxPacketBytes, int reorderWindow,
    long maxUdpBytes) {

  /** 16 MiB per stream direction, 256 KiB per packet, 1 MiB window, 64 MiB of UDP. */
  public static final PcapLimits DEFAULT =
      new PcapLimits(16 << 20, 256 << 10, 1 << 20, 64L << 20);

  public PcapLimits {
    if (maxStreamBytes < 0 || maxPacketBytes < 64 || reorderWindow < 0 || maxUdpBytes < 0) {
      throw new IllegalArgumentException("negative or too small pcap limits");
    }
  }
}
