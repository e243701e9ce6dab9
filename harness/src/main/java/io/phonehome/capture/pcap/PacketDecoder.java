package io.phonehome.capture.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Link layer, IP and TCP/UDP headers of one captured packet. Anything else (ARP, ICMP,
 * later IP fragments, unknown link types) decodes to {@code null}: a capture is allowed to
 * hold packets the harness does not care about.
 */
final class PacketDecoder {
  static final int LINK_NULL = 0;
  static final int LINK_ETHERNET = 1;
  static final int LINK_RAW_OPENBSD = 12;
  static final int LINK_RAW = 101;
  static final int LINK_SLL = 113;
  static final int LINK_IPV4 = 228;
  static final int LINK_IPV6 = 229;
  static final int LINK_SLL2 = 276;
  static final int LINK_LOOP = 108;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88A8;

  /** Why the last packet decoded to null although it claimed to be IP; null when it did not. */
  private String malformed;

  static boolean supported(int linkType) {
    return switch (linkType) {
      case LINK_NULL, LINK_LOOP, LINK_ETHERNET, LINK_RAW_OPENBSD, LINK_RAW, LINK_SLL,
          LINK_IPV4, LINK_IPV6, LINK_SLL2 -> true;
      default -> false;
    };
  }

  String malformed() {
    return malformed;
  }

  Segment decode(int linkType, byte[] p, Instant time) {
    malformed = null;
    int ip = switch (linkType) {
      case LINK_NULL, LINK_LOOP -> p.length >= 4 ? 4 : -1;
      case LINK_ETHERNET -> ethernet(p);
      case LINK_SLL -> p.length >= 16 && isIp(u16(p, 14)) ? 16 : -1;
      case LINK_SLL2 -> p.length >= 20 && isIp(u16(p, 0)) ? 20 : -1;
      case LINK_RAW, LINK_RAW_OPENBSD, LINK_IPV4, LINK_IPV6 -> 0;
      default -> -1;
    };
    if (ip < 0 || ip >= p.length) {
      return null;
    }
    int version = (p[ip] & 0xF0) >> 4;
    if (version == 4) {
      return ipv4(p, ip, time);
    }
    if (version == 6) {
      return ipv6(p, ip, time);
    }
    return null;
  }

  private static boolean isIp(int etherType) {
    return etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6;
  }

  private static int ethernet(byte[] p) {
    int at = 12;
    while (p.length >= at + 2) {
      int type = u16(p, at);
      if (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) {
        at += 4;
        continue;
      }
      return isIp(type) ? at + 2 : -1;
    }
    return -1;
  }

  private Segment ipv4(byte[] p, int at, Instant time) {
    if (p.length < at + 20) {
      return bad("IPv4 header cut short");
    }
    int headerLength = (p[at] & 0x0F) * 4;
    int total = u16(p, at + 2);
    int fragment = u16(p, at + 6);
    if (headerLength < 20 || total < headerLength) {
      return bad("IPv4 header length " + headerLength + " or total length " + total
          + " is impossible");
    }
    if ((fragment & 0x1FFF) != 0) {
      return null;
    }
    int end = Math.min(p.length, at + total);
    String src = address(Arrays.copyOfRange(p, at + 12, at + 16));
    String dst = address(Arrays.copyOfRange(p, at + 16, at + 20));
    return transport(p[at + 9] & 0xFF, p, at + headerLength, end, src, dst, time);
  }

  private Segment ipv6(byte[] p, int at, Instant time) {
    if (p.length < at + 40) {
      return bad("IPv6 header cut short");
    }
    int end = Math.min(p.length, at + 40 + u16(p, at + 4));
    String src = address(Arrays.copyOfRange(p, at + 8, at + 24));
    String dst = address(Arrays.copyOfRange(p, at + 24, at + 40));
    int next = p[at + 6] & 0xFF;
    int pos = at + 40;
    // hop-by-hop, routing, fragment, authentication, destination options
    while (next == 0 || next == 43 || next == 44 || next == 51 || next == 60) {
      if (pos + 8 > end) {
        return bad("IPv6 extension header cut short");
      }
      int header = next;
      next = p[pos] & 0xFF;
      if (header == 44) {
        if ((u16(p, pos + 2) & 0xFFF8) != 0) {
          return null;
        }
        pos += 8;
      } else if (header == 51) {
        pos += ((p[pos + 1] & 0xFF) + 2) * 4;
      } else {
        pos += ((p[pos + 1] & 0xFF) + 1) * 8;
      }
    }
    return transport(next, p, pos, end, src, dst, time);
  }

  private Segment transport(int protocol, byte[] p, int at, int end, String src, String dst,
      Instant time) {
    if (protocol == 6) {
      if (end < at + 20) {
        return bad("TCP header cut short");
      }
      int dataOffset = ((p[at + 12] & 0xF0) >> 4) * 4;
      if (dataOffset < 20 || at + dataOffset > end) {
        return bad("TCP data offset " + dataOffset + " runs past the packet");
      }
      long seq = u32(p, at + 4);
      int flags = p[at + 13] & 0xFF;
      return new Segment(time, true, new Endpoint(src, u16(p, at)),
          new Endpoint(dst, u16(p, at + 2)), seq, flags,
          Arrays.copyOfRange(p, at + dataOffset, end));
    }
    if (protocol == 17) {
      if (end < at + 8) {
        return bad("UDP header cut short");
      }
      int length = u16(p, at + 4);
      int stop = length >= 8 ? Math.min(end, at + length) : end;
      return new Segment(time, false, new Endpoint(src, u16(p, at)),
          new Endpoint(dst, u16(p, at + 2)), 0, 0, Arrays.copyOfRange(p, at + 8, stop));
    }
    return null;
  }

  private Segment bad(String why) {
    malformed = why;
    return null;
  }

  static String address(byte[] raw) {
    try {
      String text = InetAddress.getByAddress(raw).getHostAddress();
      // Java prints IPv6 in full (0:0:0:0:0:0:0:1); keep the short form people type
      return raw.length == 16 ? compress(text) : text;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of length " + raw.length, e);
    }
  }

  /** The longest run of zero groups becomes {@code ::}, as RFC 5952 asks. */
  static String compress(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; i++) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength && j - i > 1) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(i, j);
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength,
        groups.length));
    return head + "::" + tail;
  }

  static int u16(byte[] p, int at) {
    return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
  }

  static long u32(byte[] p, int at) {
    return ((long) u16(p, at) << 16) | u16(p, at + 2);
  }
}
