package io.phonehome.detect;

/**
 * One string the detector searches for: a form of a value under a chain of transforms.
 * The text holds bytes as ISO-8859-1 characters so that it matches raw bodies byte for
 * byte.
 *
 * @param value the identity value it stands for
 * @param form which written form of the value ({@code as-given}, {@code e164}, ...)
 * @param encoding the forward chain that makes the text from the form, outermost last
 * @param text the bytes to find
 * @param border which neighbouring characters make an occurrence part of something
 *     longer, and so not this value (see {@link Border})
 */
record Needle(IdentityValue value, String form, String encoding, String text, Border border) {

  /** A needle that counts wherever it occurs. */
  Needle(IdentityValue value, String form, String encoding, String text) {
    this(value, form, encoding, text, Border.NONE);
  }

  /**
   * Characters that, next to an occurrence, make it part of a longer token of the same
   * kind: the IMEI inside a 16-digit number, an md5 inside a longer hex string.
   */
  enum Border {
    /** Counts anywhere. */
    NONE(false),
    /** A number: not next to more digits (only checked at ends that are digits). */
    DIGITS(false),
    /** Hex text: not next to more hex digits. */
    HEX(false),
    /** Hex text of the value's bytes: inside longer hex, the decoded run decides. */
    HEX_DATA(true),
    /** Short checksums: not next to any letter or digit. */
    ALNUM(false),
    /** Base64 or base64url: inside a longer run, the decoded run decides. */
    BASE64(true),
    /** Base32: inside a longer run, the decoded run decides. */
    BASE32(true),
    /** Base58 is not block aligned: only a whole token counts. */
    BASE58(false),
    /** Character references: next to more of them, the unescaped text decides. */
    HTML(true),
    /** JSON escapes: next to more of them, the unescaped text decides. */
    JSON(true);

    private final boolean decodable;

    Border(boolean decodable) {
      this.decodable = decodable;
    }

    /**
     * Whether an occurrence that does not stand alone can still be judged by decoding the
     * longer token around it (the detector does so); otherwise it is simply not a match.
     */
    boolean decodable() {
      return decodable;
    }

    boolean isPart(char c) {
      return switch (this) {
        case NONE -> false;
        case DIGITS -> c >= '0' && c <= '9';
        case HEX, HEX_DATA -> Character.digit(c, 16) >= 0 && c < 128;
        case ALNUM -> c < 128 && Character.isLetterOrDigit(c);
        case BASE64 -> c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '-' || c == '_');
        case BASE32 -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
        case BASE58 -> c < 128 && Character.isLetterOrDigit(c) && c != '0' && c != 'O' && c != 'I' && c != 'l';
        case HTML, JSON -> false;
      };
    }
  }

  /**
   * Whether an occurrence that does not {@linkplain #standsAlone stand alone} is certainly
   * not this value (a number running into more digits, a digest into more hex). For the
   * other bordered needles ({@link Border#decodable()}: base64, base32, hex of the value,
   * escapes) such an occurrence is undecided: decoding the longer run around it decides,
   * and a scanner that does not decode should count it.
   */
  boolean mustStandAlone() {
    return border != Border.NONE && !border.decodable();
  }

  /**
   * Whether the occurrence of this needle at {@code [start, end)} of {@code text} is a
   * whole token rather than part of a longer one. A needle whose first (last) character is
   * not itself of the border's kind is not checked on that side: {@code +886912345678}
   * may follow a digit, but not be followed by one.
   */
  boolean standsAlone(CharSequence haystack, int start, int end) {
    return switch (border) {
      case NONE -> true;
      case HTML -> !(start > 0 && haystack.charAt(start - 1) == ';')
          && !(end < haystack.length() && haystack.charAt(end) == '&');
      case JSON -> !(end < haystack.length() && haystack.charAt(end) == '\\')
          && !(start >= 6 && haystack.charAt(start - 6) == '\\' && haystack.charAt(start - 5) == 'u');
      default -> (start == 0 || !border.isPart(text.charAt(0)) || !border.isPart(haystack.charAt(start - 1)))
          && (end == haystack.length() || !border.isPart(text.charAt(text.length() - 1))
              || !border.isPart(haystack.charAt(end)));
    };
  }
}
