package io.phonehome.simulator.net.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DNS messages (RFC 1035) for one A query and its answer, as a phone's resolver sends them. */
public final class Dns {
  private Dns() {
  }

  /** A recursive A query for {@code name}. */
  public static byte[] query(int id, String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    header(b, id, 0x0100, 0);
    question(b, name);
    return b.toByteArray();
  }

  /** The answer to {@link #query}: the question again and one A record (TTL 300). */
  public static byte[] answer(int id, String name, byte[] address) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    header(b, id, 0x8180, 1);
    question(b, name);
    b.write(0xc0);
    b.write(12);
    short16(b, 1);
    short16(b, 1);
    short16(b, 0);
    short16(b, 300);
    short16(b, 4);
    b.writeBytes(address);
    return b.toByteArray();
  }

  /**
   * Whether a name fits DNS: labels of 1 to 63 letters, digits, hyphens or underscores,
   * 253 characters in all.
   */
  public static boolean validName(String name) {
    return name.length() <= 253 && name.matches("([A-Za-z0-9_\\-]{1,63}\\.)*[A-Za-z0-9_\\-]{1,63}\\.?");
  }

  private static void header(ByteArrayOutputStream b, int id, int flags, int answers) {
    short16(b, id);
    short16(b, flags);
    short16(b, 1);
    short16(b, answers);
    short16(b, 0);
    short16(b, 0);
  }

  private static void question(ByteArrayOutputStream b, String name) {
    for (String label : name.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.write(l.length);
      b.writeBytes(l);
    }
    b.write(0);
    short16(b, 1);
    short16(b, 1);
  }

  private static void short16(ByteArrayOutputStream b, int v) {
    b.write(v >> 8);
    b.write(v);
  }
}
