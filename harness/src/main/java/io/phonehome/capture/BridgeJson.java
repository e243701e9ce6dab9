package io.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the bridge's lines, straight from the bytes read off the socket.
 *
 * <p>Values come back as {@link Map} (objects), {@link List} (arrays), {@link String},
 * {@link Long} (integers that fit), {@link Double} (other numbers), {@link Boolean} and
 * {@link #NULL}. A general-purpose tree parser costs the harness more CPU per event than
 * mitmdump spends producing it, most of all while the JIT has not compiled it yet, which is
 * the whole of a short capture; this one is a few small loops. It reads any JSON text (RFC
 * 8259), so the bridge may add fields without the harness changing.
 */
final class BridgeJson {
  /** JSON {@code null}, as distinct from a missing field. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final int MAX_DEPTH = 64;

  private final byte[] in;
  private final int start;
  private final int end;
  private int pos;
  private int depth;

  private BridgeJson(byte[] in, int offset, int length) {
    this.in = in;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  /** A JSON text that could not be read; the message says where and why. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the one JSON value of {@code in[offset, offset + length)}; empty input gives null. */
  static Object parse(byte[] in, int offset, int length) throws SyntaxException {
    BridgeJson p = new BridgeJson(in, offset, length);
    p.skipWhitespace();
    if (p.pos == p.end) {
      return null;
    }
    Object value = p.value();
    p.skipWhitespace();
    if (p.pos != p.end) {
      throw p.error("text after the value");
    }
    return value;
  }

  private Object value() throws SyntaxException {
    if (pos >= end) {
      throw error("the line ends before the value");
    }
    byte c = in[pos];
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describe(c));
    }
  }

  private Map<String, Object> object() throws SyntaxException {
    enter();
    pos++;
    Map<String, Object> out = new HashMap<>(16);
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      if (pos >= end || in[pos] != '"') {
        throw error("expected a field name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      out.put(name, value());
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
      } else {
        expect('}');
        depth--;
        return out;
      }
    }
  }

  private List<Object> array() throws SyntaxException {
    enter();
    pos++;
    List<Object> out = new ArrayList<>();
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      depth--;
      return out;
    }
    while (true) {
      skipWhitespace();
      out.add(value());
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
      } else {
        expect(']');
        depth--;
        return out;
      }
    }
  }

  private String string() throws SyntaxException {
    int from = ++pos;
    boolean ascii = true;
    // the bridge escapes everything but printable ASCII: most strings are one plain copy
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        String s = new String(in, from, pos - from,
            ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        pos++;
        return s;
      }
      if (b == '\\') {
        return escapedString(from);
      }
      if (b >= 0 && b < 0x20) {
        throw error("control character in a string");
      }
      ascii &= b >= 0;
      pos++;
    }
    throw error("unterminated string");
  }

  private String escapedString(int from) throws SyntaxException {
    StringBuilder out = new StringBuilder(pos - from + 16);
    int run = from;
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        out.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
        pos++;
        return out.toString();
      }
      if (b >= 0 && b < 0x20) {
        throw error("control character in a string");
      }
      if (b != '\\') {
        pos++;
        continue;
      }
      out.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
      if (pos + 1 >= end) {
        throw error("unterminated string");
      }
      byte e = in[pos + 1];
      pos += 2;
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> {
          pos -= 2;
          throw error("bad escape \\" + (char) (e & 0xff));
        }
      }
      run = pos;
    }
    throw error("unterminated string");
  }

  private char hex4() throws SyntaxException {
    if (pos + 4 > end) {
      throw error("short \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(in[pos + i], 16);
      if (d < 0) {
        throw error("bad \\u escape");
      }
      v = v << 4 | d;
    }
    pos += 4;
    return (char) v;
  }

  private Object number() throws SyntaxException {
    int from = pos;
    if (in[pos] == '-') {
      pos++;
    }
    int intFrom = pos;
    digits();
    if (pos - intFrom > 1 && in[intFrom] == '0') {
      throw error("leading zero in a number");
    }
    boolean integer = true;
    if (pos < end && in[pos] == '.') {
      pos++;
      digits();
      integer = false;
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      digits();
      integer = false;
    }
    if (integer && pos - from <= 18) {
      long v = 0;
      for (int i = intFrom; i < pos; i++) {
        v = v * 10 + (in[i] - '0');
      }
      return in[from] == '-' ? -v : v;
    }
    return Double.parseDouble(new String(in, from, pos - from, StandardCharsets.ISO_8859_1));
  }

  private void digits() throws SyntaxException {
    int from = pos;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    if (pos == from) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) throws SyntaxException {
    int n = word.length();
    if (pos + n > end) {
      throw error("unexpected " + describe(in[pos]));
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw error("unexpected " + describe(in[pos]));
      }
    }
    pos += n;
    return value;
  }

  private void enter() throws SyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private void expect(char c) throws SyntaxException {
    if (pos >= end) {
      throw error("the line ends where '" + c + "' was expected");
    }
    if (in[pos] != c) {
      throw error("expected '" + c + "' but found " + describe(in[pos]));
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      pos++;
    }
  }

  private SyntaxException error(String what) {
    return new SyntaxException(what + " at column " + (pos - start + 1));
  }

  private static String describe(byte b) {
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
  }
}
