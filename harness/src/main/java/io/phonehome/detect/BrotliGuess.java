package io.phonehome.detect;

/**
 * Whether bytes that no format names may be brotli: brotli has no magic number, and
 * building a decoder for every binary string a flow holds costs its tables each time.
 * {@link #plausible(String)} reads what a decoder would read first and turns the bytes
 * away where a decoder would fail.
 */
final class BrotliGuess {
  private BrotliGuess() {}

  /**
   * Whether Latin-1 {@code bytes} may begin a brotli stream that holds something. The
   * headers up to the first prefix code (RFC 7932, sections 9.1, 9.2 and 3.4 to 3.5) are
   * read and checked as the decoder checks them: four random byte strings in five fail, for
   * the price of a few bit reads instead of a decoder's tables. Too short to tell is a yes.
   */
  static boolean plausible(String bytes) {
    BitCursor in = new BitCursor(bytes);
    if (in.bits(1) == 1 && in.bits(3) == 0 && in.bits(3) == 1) {
      // 0b1000_001 is reserved (large windows, not RFC 7932)
      return false;
    }
    boolean last = in.bits(1) == 1;
    if (last && in.bits(1) == 1) {
      // ISLASTEMPTY: a stream with no content
      return false;
    }
    int nibbleCode = in.bits(2);
    if (nibbleCode == 3) {
      // a metadata block: a reserved zero bit and a skip length without a leading zero byte
      if (in.bits(1) != 0) {
        return in.overrun();
      }
      int skipBytes = in.bits(2);
      int top = 0;
      for (int i = 0; i < skipBytes; i++) {
        top = in.bits(8);
      }
      return skipBytes < 2 || top != 0 || in.overrun();
    }
    int nibbles = 4 + nibbleCode;
    long lengthMinusOne = 0;
    for (int i = 0; i < nibbles; i++) {
      lengthMinusOne |= (long) in.bits(4) << (4 * i);
    }
    if (nibbles > 4 && lengthMinusOne >>> (4 * (nibbles - 1)) == 0) {
      // a length written with more nibbles than it needs is invalid
      return in.overrun();
    }
    if (!last && in.bits(1) == 1) {
      // an uncompressed meta-block: zero padding to the byte, then that many bytes
      if (in.bits(in.toByteBoundary()) != 0) {
        return in.overrun();
      }
      return in.overrun() || lengthMinusOne + 1 <= bytes.length() - in.bytePosition();
    }
    return in.overrun() || firstPrefixCodeFits(in);
  }

  /**
   * Reads a compressed meta-block's fields up to its first prefix code and checks that
   * code: block types of each category, then the literal and distance context maps, then
   * the literal codes.
   */
  private static boolean firstPrefixCodeFits(BitCursor in) {
    for (int category = 0; category < 3; category++) {
      int types = in.varLenUint8() + 1;
      if (types >= 2) {
        return in.overrun() || prefixCodeFits(in, types + 2);
      }
    }
    // every category has one block type here: NPOSTFIX, NDIRECT, then one context mode
    in.bits(2 + 4 + 2);
    for (int map = 0; map < 2; map++) {
      int trees = in.varLenUint8() + 1;
      if (trees >= 2) {
        int runLengthCodes = in.bits(1) == 1 ? in.bits(4) + 1 : 0;
        return in.overrun() || prefixCodeFits(in, trees + runLengthCodes);
      }
    }
    return in.overrun() || prefixCodeFits(in, 256);
  }

  private static final int CODE_LENGTH_ALPHABET = 18;
  /** The order in which a complex prefix code gives its code-length code lengths. */
  private static final int[] CODE_LENGTH_ORDER = {1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  /** The code-length code lengths of a complex prefix code: {@code value | bits << 16}, by the next 4 bits. */
  private static final int[] CODE_LENGTH_CODE = {
      0x20000, 0x20004, 0x20003, 0x30002, 0x20000, 0x20004, 0x20003, 0x40001,
      0x20000, 0x20004, 0x20003, 0x30002, 0x20000, 0x20004, 0x20003, 0x40005};

  /**
   * A simple prefix code must name distinct symbols; a complex one's code-length code must
   * fill its space exactly (or have a single code), as decoders require.
   */
  private static boolean prefixCodeFits(BitCursor in, int alphabetSize) {
    int kind = in.bits(2);
    if (kind == 1) {
      int width = 32 - Integer.numberOfLeadingZeros(alphabetSize - 1);
      int count = in.bits(2) + 1;
      int[] symbols = new int[count];
      for (int i = 0; i < count; i++) {
        // the reference Java decoder reduces an out-of-range symbol instead of refusing it
        symbols[i] = in.bits(width) % alphabetSize;
        for (int j = 0; j < i; j++) {
          if (symbols[j] == symbols[i]) {
            return in.overrun();
          }
        }
      }
      return true;
    }
    int[] codeLengthCodeLengths = new int[CODE_LENGTH_ALPHABET];
    int space = 32;
    int codes = 0;
    for (int i = kind; i < CODE_LENGTH_ALPHABET && space > 0; i++) {
      int entry = CODE_LENGTH_CODE[in.peek(4)];
      in.skip(entry >>> 16);
      int length = entry & 0xffff;
      codeLengthCodeLengths[CODE_LENGTH_ORDER[i]] = length;
      if (length != 0) {
        space -= 32 >> length;
        codes++;
      }
    }
    if (codes != 1 && space != 0) {
      return in.overrun();
    }
    return in.overrun() || codeLengthsFill(in, new Canonical(codeLengthCodeLengths), alphabetSize);
  }

  /**
   * Reads the symbols' code lengths as the decoder does (RFC 7932, 3.5): lengths 1 to 15
   * use up code space, 16 repeats the last length and 17 repeats zero, with repeat counts
   * that grow when repeated; the lengths must not run past the alphabet and must use the
   * space up exactly.
   */
  private static boolean codeLengthsFill(BitCursor in, Canonical code, int alphabetSize) {
    int symbol = 0;
    int previous = 8;
    int repeat = 0;
    int repeatedLength = 0;
    int space = 32768;
    while (symbol < alphabetSize && space > 0) {
      if (in.overrun()) {
        return true;
      }
      int length = code.decode(in);
      if (length < 16) {
        repeat = 0;
        symbol++;
        if (length != 0) {
          previous = length;
          space -= 32768 >> length;
        }
        continue;
      }
      int extraBits = length - 14;
      int newLength = length == 16 ? previous : 0;
      if (repeatedLength != newLength) {
        repeat = 0;
        repeatedLength = newLength;
      }
      int before = repeat;
      if (repeat > 0) {
        repeat = (repeat - 2) << extraBits;
      }
      repeat += in.bits(extraBits) + 3;
      int delta = repeat - before;
      if (symbol + delta > alphabetSize) {
        return in.overrun();
      }
      symbol += delta;
      if (repeatedLength != 0) {
        space -= delta << (15 - repeatedLength);
      }
    }
    return space == 0 || in.overrun();
  }

  /**
   * A canonical prefix code given by its lengths, decoded a bit at a time, most
   * significant bit of the code first (as RFC 7932 packs them); a code with one symbol
   * takes no bits.
   */
  private static final class Canonical {
    private static final int MAX_LENGTH = 5;
    private final int[] count = new int[MAX_LENGTH + 1];
    private final int[] symbols;
    private final int single;

    Canonical(int[] lengths) {
      int used = 0;
      int last = -1;
      for (int s = 0; s < lengths.length; s++) {
        if (lengths[s] != 0) {
          count[lengths[s]]++;
          used++;
          last = s;
        }
      }
      single = used == 1 ? last : -1;
      symbols = new int[used];
      int[] next = new int[MAX_LENGTH + 2];
      for (int len = 1; len <= MAX_LENGTH; len++) {
        next[len + 1] = next[len] + count[len];
      }
      for (int s = 0; s < lengths.length; s++) {
        if (lengths[s] != 0) {
          symbols[next[lengths[s]]++] = s;
        }
      }
    }

    int decode(BitCursor in) {
      if (single >= 0) {
        return single;
      }
      int code = 0;
      int first = 0;
      int index = 0;
      for (int len = 1; len <= MAX_LENGTH; len++) {
        code |= in.bits(1);
        if (code - first < count[len]) {
          return symbols[index + code - first];
        }
        index += count[len];
        first = (first + count[len]) << 1;
        code <<= 1;
      }
      // a complete code always ends by the longest length; this one cannot happen
      return 0;
    }
  }

  /** Reads bits least significant first, as brotli packs them; past the end it reads zeros and says so. */
  private static final class BitCursor {
    private final String bytes;
    private long position;

    BitCursor(String bytes) {
      this.bytes = bytes;
    }

    int bits(int n) {
      int value = 0;
      for (int i = 0; i < n; i++, position++) {
        int at = (int) (position >>> 3);
        if (at < bytes.length() && ((bytes.charAt(at) >> (position & 7)) & 1) != 0) {
          value |= 1 << i;
        }
      }
      return value;
    }

    int peek(int n) {
      long at = position;
      int value = bits(n);
      position = at;
      return value;
    }

    void skip(int n) {
      position += n;
    }

    /** RFC 7932's VarLenUint8: 0, or 1 to 255 in a 3-bit width and that many more bits. */
    int varLenUint8() {
      if (bits(1) == 0) {
        return 0;
      }
      int width = bits(3);
      return width == 0 ? 1 : bits(width) + (1 << width);
    }

    int toByteBoundary() {
      return (int) ((8 - (position & 7)) & 7);
    }

    long bytePosition() {
      return position >>> 3;
    }

    boolean overrun() {
      return position > 8L * bytes.length();
    }
  }

}
