package io.phonehome.capture.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the cleartext start of a TLS connection tells: whether the client opened with a
 * ClientHello, the server name it asked for, and whether it went on to send encrypted
 * data (the sign that it accepted the server's certificate).
 *
 * @param sni the server_name extension's host name, when present
 * @param applicationData true when the client sent an application_data record bigger than
 *     an encrypted alert: a TLS 1.3 Finished or real data, so the handshake went through
 */
public record TlsClientHello(Optional<String> sni, boolean applicationData) {

  /** Ciphertext of a TLS 1.3 alert: 2 bytes, content type, 16-byte tag. */
  private static final int ENCRYPTED_ALERT = 2 + 1 + 16;

  /**
   * The ClientHello at the start of these client-to-server bytes. An HTTP CONNECT request
   * in front of it (a client talking to a proxy) is skipped.
   */
  public static Optional<TlsClientHello> parse(byte[] client) {
    int start = HttpRequests.afterConnect(client);
    if (start + 6 > client.length || client[start] != 22 || client[start + 5] != 1) {
      return Optional.empty();
    }
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    boolean data = false;
    int at = start;
    while (at + 5 <= client.length) {
      int type = client[at] & 0xFF;
      int length = PacketDecoder.u16(client, at + 3);
      int available = Math.min(length, client.length - at - 5);
      if (type == 22 && !data && handshake.size() < 1 << 16) {
        handshake.write(client, at + 5, available);
      } else if (type == 23 && length > ENCRYPTED_ALERT) {
        data = true;
      } else if (type < 20 || type > 24) {
        break;
      }
      at += 5 + length;
    }
    return Optional.of(new TlsClientHello(sni(handshake.toByteArray()), data));
  }

  private static Optional<String> sni(byte[] h) {
    try {
      int at = 4 + 2 + 32;
      at += 1 + (h[at] & 0xFF);
      at += 2 + PacketDecoder.u16(h, at);
      at += 1 + (h[at] & 0xFF);
      int end = Math.min(h.length, at + 2 + PacketDecoder.u16(h, at));
      at += 2;
      while (at + 4 <= end) {
        int type = PacketDecoder.u16(h, at);
        int length = PacketDecoder.u16(h, at + 2);
        if (type == 0) {
          int list = at + 6;
          if (h[list] == 0) {
            int nameLength = PacketDecoder.u16(h, list + 1);
            return Optional.of(new String(h, list + 3, nameLength, StandardCharsets.US_ASCII));
          }
        }
        at += 4 + length;
      }
    } catch (IndexOutOfBoundsException e) {
      // a ClientHello cut by the capture: no name to report
    }
    return Optional.empty();
  }
}
