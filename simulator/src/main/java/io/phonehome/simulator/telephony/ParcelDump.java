package io.phonehome.simulator.telephony;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@code service call} prints for a reply parcel holding one string: Android's
 * {@code Parcel::print} hex dump. The parcel is the status word (0, no exception), then
 * {@code writeString}'s int32 length in UTF-16 units and the UTF-16LE characters with a
 * terminating NUL, padded to 4 bytes; a {@code null} string is length -1 and nothing else.
 * Each 32-bit word is printed as a little-endian integer (so "86" shows as
 * {@code 00360038}), 16 bytes to a line, with the bytes as ASCII beside them and a dot for
 * each byte that is not printable. A parcel of 16 bytes or less fits on one line:
 *
 * <pre>
 * Result: Parcel(00000000 ffffffff   '........')
 * Result: Parcel(
 *   0x00000000: 00000000 0000000f 00360038 00320031 '........8.6.1.2.'
 *   ...
 *   0x00000020: 00320031 00000033                   '1.2.3...        ')
 * </pre>
 */
public final class ParcelDump {
  private static final int LINE = 16;

  private ParcelDump() {}

  /** The dump of a reply carrying {@code value}; {@code null} is the no-answer reply. */
  public static String ofString(String value) {
    return format(stringReply(value));
  }

  /** The bytes of a reply parcel carrying one string. */
  static byte[] stringReply(String value) {
    if (value == null) {
      return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(-1).array();
    }
    int chars = value.length();
    int payload = (chars + 1) * 2;
    int padded = (payload + 3) & ~3;
    ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt(chars);
    for (int i = 0; i < chars; i++) {
      b.putChar(value.charAt(i));
    }
    return b.array();
  }

  /** Formats parcel bytes (a multiple of 4 long) the way {@code service call} prints them. */
  static String format(byte[] data) {
    if (data.length <= LINE) {
      StringBuilder words = new StringBuilder();
      for (int off = 0; off < data.length; off += 4) {
        if (off > 0) {
          words.append(' ');
        }
        words.append(word(data, off));
      }
      return "Result: Parcel(" + words + "   '" + ascii(data, 0, data.length) + "')\n";
    }
    StringBuilder out = new StringBuilder("Result: Parcel(\n");
    for (int line = 0; line < data.length; line += LINE) {
      int end = Math.min(line + LINE, data.length);
      out.append(String.format("  0x%08x: ", line));
      for (int off = line; off < line + LINE; off += 4) {
        out.append(off < end ? word(data, off) + " " : "         ");
      }
      String text = ascii(data, line, end);
      out.append('\'').append(text).append(" ".repeat(LINE - text.length())).append('\'');
      out.append(end == data.length ? ")\n" : "\n");
    }
    return out.toString();
  }

  private static String word(byte[] data, int off) {
    int v = ByteBuffer.wrap(data, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return String.format("%08x", v);
  }

  private static String ascii(byte[] data, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      int c = data[i] & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
    }
    return sb.toString();
  }
}
