package io.phonehome.capture.pcap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of a DNS query message.
 *
 * @param name the name asked for, without the trailing dot
 * @param type the query type (1 A, 28 AAAA, 255 ANY, ...)
 */
public record DnsQuery(String name, int type) {

  /**
   * The questions of a DNS message when it is a query (QR bit clear); empty for responses
   * and for anything that does not parse as DNS.
   */
  public static List<DnsQuery> parse(byte[] message) {
    if (message.length < 12 || (message[2] & 0x80) != 0) {
      return List.of();
    }
    int count = PacketDecoder.u16(message, 4);
    List<DnsQuery> out = new ArrayList<>();
    int[] pos = {12};
    for (int i = 0; i < count; i++) {
      String name = name(message, pos);
      if (name == null || pos[0] + 4 > message.length) {
        return out;
      }
      out.add(new DnsQuery(name, PacketDecoder.u16(message, pos[0])));
      pos[0] += 4;
    }
    return out;
  }

  /** Reads a possibly compressed name at pos[0], moving pos[0] past it; null if malformed. */
  static String name(byte[] m, int[] pos) {
    StringBuilder name = new StringBuilder();
    int at = pos[0];
    int jumps = 0;
    boolean jumped = false;
    while (at < m.length) {
      int length = m[at] & 0xFF;
      if (length == 0) {
        if (!jumped) {
          pos[0] = at + 1;
        }
        return name.toString();
      }
      if ((length & 0xC0) == 0xC0) {
        if (at + 1 >= m.length || ++jumps > 16) {
          return null;
        }
        if (!jumped) {
          pos[0] = at + 2;
          jumped = true;
        }
        at = ((length & 0x3F) << 8) | (m[at + 1] & 0xFF);
        continue;
      }
      if ((length & 0xC0) != 0 || at + 1 + length > m.length || name.length() > 255) {
        return null;
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(m, at + 1, length, StandardCharsets.ISO_8859_1));
      at += 1 + length;
    }
    return null;
  }
}
