package io.phonehome.capture.pcap;

/** Recognises QUIC without decrypting it. */
public final class Quic {
  private Quic() {}

  /**
   * True when a UDP payload has QUIC's fixed bit set (RFC 9000 17.2 and 17.3): a long
   * header with a version, or a short header. Only meaningful on a QUIC port.
   */
  public static boolean looksLike(byte[] payload) {
    if (payload.length < 5) {
      return false;
    }
    int first = payload[0] & 0xFF;
    if ((first & 0x80) != 0) {
      // long header: version 0 is version negotiation, which has no fixed bit rule
      long version = PacketDecoder.u32(payload, 1);
      return version == 0 || (first & 0x40) != 0;
    }
    return (first & 0x40) != 0 && payload.length >= 21;
  }
}
