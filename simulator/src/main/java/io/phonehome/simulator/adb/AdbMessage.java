package io.phonehome.simulator.adb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One adb protocol message: a 24-byte little-endian header (command, arg0, arg1, data
 * length, data checksum, magic) followed by the data.
 */
public record AdbMessage(int command, int arg0, int arg1, byte[] data) {
  public static final int CNXN = 0x4e584e43;
  public static final int AUTH = 0x48545541;
  public static final int OPEN = 0x4e45504f;
  public static final int OKAY = 0x59414b4f;
  public static final int CLSE = 0x45534c43;
  public static final int WRTE = 0x45545257;
  public static final int SYNC = 0x434e5953;
  public static final int STLS = 0x534c5453;

  /** The first version; its peers check the data checksum. */
  public static final int VERSION_MIN = 0x01000000;
  /** From this version on, peers may leave the checksum zero and must not check it. */
  public static final int VERSION_SKIP_CHECKSUM = 0x01000001;

  public static final int HEADER_SIZE = 24;

  public AdbMessage {
    data = data == null ? new byte[0] : data;
  }

  public static AdbMessage of(int command, int arg0, int arg1, String data) {
    return new AdbMessage(command, arg0, arg1, data.getBytes(StandardCharsets.UTF_8));
  }

  /** The data as text, without a trailing NUL (OPEN and CNXN carry NUL-terminated strings). */
  public String text() {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  /** Header and data, ready to write; the checksum is always filled in. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(command).putInt(arg0).putInt(arg1).putInt(data.length).putInt(checksum(data))
        .putInt(~command).put(data);
    return b.array();
  }

  /** The byte sum adb calls its data checksum. */
  public static int checksum(byte[] data) {
    int sum = 0;
    for (byte d : data) {
      sum += d & 0xff;
    }
    return sum;
  }

  /**
   * Reads one message.
   *
   * @param maxData the largest data length accepted
   * @param verifyChecksum whether a non-matching checksum is an error (protocol versions
   *     below {@link #VERSION_SKIP_CHECKSUM})
   * @return the message, or {@code null} at a clean end of stream before any header byte
   * @throws AdbProtocolException on a malformed or truncated message
   */
  public static AdbMessage read(InputStream in, int maxData, boolean verifyChecksum)
      throws IOException {
    byte[] header = new byte[HEADER_SIZE];
    int first = in.read();
    if (first < 0) {
      return null;
    }
    header[0] = (byte) first;
    readFully(in, header, 1, HEADER_SIZE - 1, "header");
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    int command = h.getInt();
    int arg0 = h.getInt();
    int arg1 = h.getInt();
    int length = h.getInt();
    int check = h.getInt();
    int magic = h.getInt();
    if (magic != ~command) {
      throw new AdbProtocolException(String.format(
          "bad magic 0x%08x for command 0x%08x (%s)", magic, command, name(command)));
    }
    if (!isKnown(command)) {
      throw new AdbProtocolException(String.format("unknown command 0x%08x", command));
    }
    if (length < 0 || length > maxData) {
      throw new AdbProtocolException(
          name(command) + " carries " + Integer.toUnsignedString(length)
              + " bytes, more than the " + maxData + " allowed");
    }
    byte[] data = new byte[length];
    readFully(in, data, 0, length, name(command) + " data");
    if (verifyChecksum && check != checksum(data)) {
      throw new AdbProtocolException(name(command) + " data checksum mismatch");
    }
    return new AdbMessage(command, arg0, arg1, data);
  }

  private static void readFully(InputStream in, byte[] buf, int off, int len, String what)
      throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(buf, off + done, len - done);
      if (n < 0) {
        throw new AdbProtocolException(
            "truncated message: stream ended after " + done + " of " + len + " bytes of " + what,
            new EOFException());
      }
      done += n;
    }
  }

  static boolean isKnown(int command) {
    return command == CNXN || command == AUTH || command == OPEN || command == OKAY
        || command == CLSE || command == WRTE || command == SYNC || command == STLS;
  }

  /** The four-letter name of a command, as the protocol documents spell them. */
  public static String name(int command) {
    byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(command).array();
    for (byte c : b) {
      if (c < 0x20 || c > 0x7e) {
        return String.format("0x%08x", command);
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdbMessage m && m.command == command && m.arg0 == arg0 && m.arg1 == arg1
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * command + arg0) + arg1) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return name(command) + "(" + arg0 + ", " + arg1 + ", " + data.length + " bytes)";
  }
}
