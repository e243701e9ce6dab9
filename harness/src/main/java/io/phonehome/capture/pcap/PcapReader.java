package io.phonehome.capture.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a packet capture, classic pcap or pcapng, from a stream without holding it whole,
 * and reassembles its TCP connections and collects its UDP datagrams.
 *
 * <p>Classic pcap in either byte order with micro- or nanosecond timestamps; pcapng
 * section header, interface description, enhanced and simple packet blocks, each
 * interface with its own link type and timestamp resolution. Link types: null/loopback
 * (0), Ethernet (1), raw IP (12, 101, 228, 229), Linux cooked SLL (113) and SLL2 (276).
 * A corrupt or cut file stops reading at the bad record: what came before is kept and
 * {@link PcapResult#problems()} says {@code offset N: what is wrong}.
 *
 * <pre>{@code
 * PcapResult result = new PcapReader().read(Path.of("phone.pcap"));
 * List<Flow> flows = PcapFlows.from(result, PcapFilter.proxy("127.0.0.1:8080"));
 * }</pre>
 */
public final class PcapReader {
  private static final int PCAP_MICROS = 0xA1B2C3D4;
  private static final int PCAP_NANOS = 0xA1B23C4D;
  private static final int PCAPNG_SHB = 0x0A0D0D0A;
  private static final int PCAPNG_BYTE_ORDER = 0x1A2B3C4D;
  private static final int MAX_BLOCK = 16 << 20;

  private final PcapLimits limits;

  /** A reader with {@link PcapLimits#DEFAULT}. */
  public PcapReader() {
    this(PcapLimits.DEFAULT);
  }

  public PcapReader(PcapLimits limits) {
    this.limits = limits;
  }

  /** Reads the capture in this file. */
  public PcapResult read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  /**
   * Reads a capture to its end or its first bad record. The stream is not closed.
   *
   * @throws IOException only when reading the stream itself fails
   */
  public PcapResult read(InputStream in) throws IOException {
    return new Run(new BufferedInputStream(in, 1 << 16), limits).read();
  }

  /** One read of one capture: the state that would otherwise be passed around. */
  private static final class Run {
    private final InputStream in;
    private final PcapLimits limits;
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpReassembler tcp;
    private final List<UdpDatagram> datagrams = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private long offset;
    private long packets;
    private long udpBytes;
    private long skipped;
    private long firstSkippedAt;
    private String firstSkippedWhy;
    private final Map<Integer, long[]> unsupportedLinks = new LinkedHashMap<>();
    private String format = "pcap";

    Run(InputStream in, PcapLimits limits) {
      this.in = in;
      this.limits = limits;
      this.tcp = new TcpReassembler(limits);
    }

    PcapResult read() throws IOException {
      byte[] magic = new byte[4];
      int got = in.readNBytes(magic, 0, 4);
      offset = got;
      if (got < 4) {
        problems.add("offset 0: file is " + got + " bytes, too short for a capture header");
      } else {
        int big = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
        int little = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
        try {
          if (big == PCAPNG_SHB) {
            format = "pcapng";
            readPcapng();
          } else if (big == PCAP_MICROS || big == PCAP_NANOS) {
            readPcap(ByteOrder.BIG_ENDIAN, big == PCAP_NANOS);
          } else if (little == PCAP_MICROS || little == PCAP_NANOS) {
            readPcap(ByteOrder.LITTLE_ENDIAN, little == PCAP_NANOS);
          } else {
            problems.add(String.format("offset 0: magic %02x%02x%02x%02x is neither pcap "
                + "nor pcapng", magic[0], magic[1], magic[2], magic[3]));
          }
        } catch (Corrupt e) {
          problems.add("offset " + e.offset + ": " + e.getMessage());
        }
      }
      if (skipped > 0) {
        problems.add("offset " + firstSkippedAt + ": " + skipped + " packet(s) skipped as "
            + "malformed, the first because: " + firstSkippedWhy);
      }
      unsupportedLinks.forEach((link, firstAndCount) -> problems.add("offset "
          + firstAndCount[0] + ": link type " + link + " is not supported: "
          + firstAndCount[1] + " packet(s) ignored"));
      return new PcapResult(format, packets, tcp.streams(), datagrams, problems);
    }

    private void readPcap(ByteOrder order, boolean nanos) throws IOException, Corrupt {
      ByteBuffer header = need(20, "pcap file header");
      header.order(order);
      header.position(12);
      int snaplen = header.getInt();
      int linkType = header.getInt() & 0x0FFFFFFF;
      while (true) {
        long recordAt = offset;
        byte[] first = new byte[16];
        int got = in.readNBytes(first, 0, 16);
        offset += got;
        if (got == 0) {
          return;
        }
        if (got < 16) {
          throw new Corrupt(recordAt, "record header cut short: " + got + " of 16 bytes");
        }
        ByteBuffer r = ByteBuffer.wrap(first).order(order);
        long seconds = r.getInt() & 0xFFFFFFFFL;
        long fraction = r.getInt() & 0xFFFFFFFFL;
        int captured = r.getInt();
        if (captured < 0 || captured > Math.max(limits.maxPacketBytes(), snaplen)) {
          throw new Corrupt(recordAt, "record claims " + (captured & 0xFFFFFFFFL)
              + " captured bytes, more than the snap length " + snaplen);
        }
        byte[] data = bytes(captured, recordAt, "packet data");
        Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
        packet(linkType, data, time, recordAt);
      }
    }

    private void readPcapng() throws IOException, Corrupt {
      List<int[]> interfaces = new ArrayList<>();
      List<Long> resolutions = new ArrayList<>();
      ByteOrder order = ByteOrder.BIG_ENDIAN;
      long blockAt = 0;
      int type = PCAPNG_SHB;
      boolean haveType = true;
      while (true) {
        if (!haveType) {
          blockAt = offset;
          byte[] t = new byte[4];
          int got = in.readNBytes(t, 0, 4);
          offset += got;
          if (got == 0) {
            return;
          }
          if (got < 4) {
            throw new Corrupt(blockAt, "block type cut short");
          }
          type = ByteBuffer.wrap(t).order(order).getInt();
        }
        haveType = false;
        if (type == PCAPNG_SHB) {
          byte[] lengthAndMagic = bytes(8, blockAt, "section header");
          int magic = ByteBuffer.wrap(lengthAndMagic, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
          if (magic == PCAPNG_BYTE_ORDER) {
            order = ByteOrder.BIG_ENDIAN;
          } else if (Integer.reverseBytes(magic) == PCAPNG_BYTE_ORDER) {
            order = ByteOrder.LITTLE_ENDIAN;
          } else {
            throw new Corrupt(blockAt + 8, "section header has no byte-order magic");
          }
          int length = ByteBuffer.wrap(lengthAndMagic, 0, 4).order(order).getInt();
          checkLength(length, 28, blockAt);
          byte[] rest = bytes(length - 12, blockAt, "section header");
          checkTrailer(rest, length, order, blockAt);
          interfaces.clear();
          resolutions.clear();
          continue;
        }
        int length = need(4, "block length").order(order).getInt();
        checkLength(length, 12, blockAt);
        byte[] body = bytes(length - 8, blockAt, "block of type " + type);
        checkTrailer(body, length, order, blockAt);
        ByteBuffer b = ByteBuffer.wrap(body, 0, body.length - 4).order(order);
        switch (type) {
          case 1 -> {
            if (b.remaining() < 8) {
              throw new Corrupt(blockAt, "interface description shorter than 8 bytes");
            }
            int link = b.getShort() & 0xFFFF;
            b.getShort();
            int snaplen = b.getInt();
            interfaces.add(new int[] {link, snaplen});
            resolutions.add(resolution(b));
          }
          case 6 -> {
            if (b.remaining() < 20) {
              throw new Corrupt(blockAt, "enhanced packet block shorter than 20 bytes");
            }
            int id = b.getInt();
            long high = b.getInt() & 0xFFFFFFFFL;
            long low = b.getInt() & 0xFFFFFFFFL;
            int captured = b.getInt();
            b.getInt();
            if (id < 0 || id >= interfaces.size()) {
              throw new Corrupt(blockAt, "packet names interface " + id + " but "
                  + interfaces.size() + " were described");
            }
            if (captured < 0 || captured > b.remaining()) {
              throw new Corrupt(blockAt, "packet claims " + (captured & 0xFFFFFFFFL)
                  + " captured bytes in a block holding " + b.remaining());
            }
            byte[] data = new byte[captured];
            b.get(data);
            packet(interfaces.get(id)[0], data, time((high << 32) | low, resolutions.get(id)),
                blockAt);
          }
          case 3 -> {
            if (interfaces.isEmpty()) {
              throw new Corrupt(blockAt, "simple packet block before any interface");
            }
            int original = b.getInt();
            int captured = Math.min(b.remaining(), original < 0 ? b.remaining() : original);
            byte[] data = new byte[captured];
            b.get(data);
            // simple packets carry no timestamp
            packet(interfaces.get(0)[0], data, Instant.EPOCH, blockAt);
          }
          default -> {
            // statistics, name resolution, custom and others: not needed
          }
        }
      }
    }

    /** Units per second of an interface's timestamps, from its if_tsresol option. */
    private static long resolution(ByteBuffer options) {
      long units = 1_000_000L;
      while (options.remaining() >= 4) {
        int code = options.getShort() & 0xFFFF;
        int length = options.getShort() & 0xFFFF;
        if (code == 0 || length > options.remaining()) {
          break;
        }
        if (code == 9 && length >= 1) {
          int v = options.get(options.position()) & 0xFF;
          int exponent = v & 0x7F;
          if ((v & 0x80) == 0 && exponent <= 18) {
            units = (long) Math.pow(10, exponent);
          } else if ((v & 0x80) != 0 && exponent <= 62) {
            units = 1L << exponent;
          }
        }
        options.position(options.position() + ((length + 3) & ~3));
      }
      return units;
    }

    private static Instant time(long ticks, long unitsPerSecond) {
      long seconds = Long.divideUnsigned(ticks, unitsPerSecond);
      long rest = Long.remainderUnsigned(ticks, unitsPerSecond);
      long nanos = unitsPerSecond <= 1_000_000_000L
          ? rest * (1_000_000_000L / unitsPerSecond)
          : (long) (rest * (1e9 / unitsPerSecond));
      return Instant.ofEpochSecond(seconds, nanos);
    }

    private void checkLength(int length, int min, long at) throws Corrupt {
      if (length < min || length > MAX_BLOCK || length % 4 != 0) {
        throw new Corrupt(at, "block length " + (length & 0xFFFFFFFFL)
            + " is impossible (not a multiple of 4, under " + min + " or over " + MAX_BLOCK
            + ")");
      }
    }

    private void checkTrailer(byte[] body, int length, ByteOrder order, long at)
        throws Corrupt {
      int trailer = ByteBuffer.wrap(body, body.length - 4, 4).order(order).getInt();
      if (trailer != length) {
        throw new Corrupt(at, "block length " + length + " does not match its trailing copy "
            + trailer);
      }
    }

    private void packet(int linkType, byte[] data, Instant time, long at) {
      packets++;
      if (!PacketDecoder.supported(linkType)) {
        unsupportedLinks.computeIfAbsent(linkType, k -> new long[] {at, 0})[1]++;
        return;
      }
      Segment s = decoder.decode(linkType, data, time);
      if (s == null) {
        if (decoder.malformed() != null && skipped++ == 0) {
          firstSkippedAt = at;
          firstSkippedWhy = decoder.malformed();
        }
        return;
      }
      if (s.tcp()) {
        tcp.add(s);
        return;
      }
      byte[] payload = s.payload();
      int length = payload.length;
      if (udpBytes + length > limits.maxUdpBytes()) {
        payload = new byte[0];
      } else {
        udpBytes += length;
      }
      datagrams.add(new UdpDatagram(time, s.source(), s.destination(), payload, length));
    }

    private ByteBuffer need(int n, String what) throws IOException, Corrupt {
      return ByteBuffer.wrap(bytes(n, offset, what));
    }

    private byte[] bytes(int n, long recordAt, String what) throws IOException, Corrupt {
      byte[] out = new byte[n];
      int got = in.readNBytes(out, 0, n);
      offset += got;
      if (got < n) {
        throw new Corrupt(recordAt, what + " cut short: file ends after " + got + " of " + n
            + " bytes");
      }
      return out;
    }
  }

  /** Bad data at a known offset: ends the read, never escapes it. */
  private static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;
    final long offset;

    Corrupt(long offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }
}
