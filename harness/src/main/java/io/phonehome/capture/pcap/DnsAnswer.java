package io.phonehome.capture.pcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One address a DNS response gave for a name the phone asked about: how a socket to a bare
 * IP address is tied back to the name the firmware looked up first.
 *
 * @param name the name of the question (the one the phone asked, before any CNAME)
 * @param address the A or AAAA record's address in its usual text form
 */
public record DnsAnswer(String name, String address) {
  private static final int TYPE_A = 1;
  private static final int TYPE_AAAA = 28;

  public DnsAnswer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /**
   * The A and AAAA records of a DNS response (QR bit set), each under the name of the
   * message's first question; empty for queries and for anything that does not parse. A
   * record cut short ends the list there.
   */
  public static List<DnsAnswer> parse(byte[] message) {
    if (message.length < 12 || (message[2] & 0x80) == 0) {
      return List.of();
    }
    int questions = PacketDecoder.u16(message, 4);
    int answers = PacketDecoder.u16(message, 6);
    int[] pos = {12};
    String asked = null;
    for (int i = 0; i < questions; i++) {
      String name = DnsQuery.name(message, pos);
      if (name == null || pos[0] + 4 > message.length) {
        return List.of();
      }
      asked = asked == null ? name : asked;
      pos[0] += 4;
    }
    List<DnsAnswer> out = new ArrayList<>();
    for (int i = 0; i < answers; i++) {
      String owner = DnsQuery.name(message, pos);
      if (owner == null || pos[0] + 10 > message.length) {
        return out;
      }
      int type = PacketDecoder.u16(message, pos[0]);
      int length = PacketDecoder.u16(message, pos[0] + 8);
      int data = pos[0] + 10;
      if (data + length > message.length) {
        return out;
      }
      if ((type == TYPE_A && length == 4) || (type == TYPE_AAAA && length == 16)) {
        byte[] raw = java.util.Arrays.copyOfRange(message, data, data + length);
        out.add(new DnsAnswer(asked == null ? owner : asked, PacketDecoder.address(raw)));
      }
      pos[0] = data + length;
    }
    return out;
  }
}
