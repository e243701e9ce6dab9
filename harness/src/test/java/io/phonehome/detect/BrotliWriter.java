package io.phonehome.detect;

import java.io.ByteArrayOutputStream;

/**
 * Writes valid brotli (RFC 7932) made of uncompressed meta-blocks, which any brotli decoder
 * reads: for generated test data, since the JDK has no brotli encoder.
 */
final class BrotliWriter {
  private static final int MAX_BLOCK = 1 << 16;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int bits;
  private int bitCount;

  private BrotliWriter() {}

  static byte[] encode(byte[] data) {
    BrotliWriter w = new BrotliWriter();
    w.write(0, 1);
    for (int from = 0; from < data.length; from += MAX_BLOCK) {
      int len = Math.min(MAX_BLOCK, data.length - from);
      w.write(0, 1);
      w.write(0, 2);
      w.write(len - 1, 16);
      w.write(1, 1);
      w.flushToByte();
      w.out.write(data, from, len);
    }
    w.write(1, 1);
    w.write(1, 1);
    w.flushToByte();
    return w.out.toByteArray();
  }

  private void write(int value, int n) {
    for (int i = 0; i < n; i++) {
      bits |= ((value >> i) & 1) << bitCount;
      if (++bitCount == 8) {
        out.write(bits);
        bits = 0;
        bitCount = 0;
      }
    }
  }

  private void flushToByte() {
    if (bitCount > 0) {
      out.write(bits);
      bits = 0;
      bitCount = 0;
    }
  }
}
