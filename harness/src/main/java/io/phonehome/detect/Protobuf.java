package io.phonehome.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A heuristic walker of protobuf wire format, with no schema: bytes that parse, to the
 * last byte, as a sequence of well-formed fields are taken as a message. Length-delimited
 * fields whose content parses the same way are nested messages, the others strings or
 * bytes; varint and fixed-width fields are numbers. Fields are named by their numbers from
 * the outermost message in, {@code 1.3}.
 */
final class Protobuf {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_FIELD_NUMBER = 1 << 29;
  private static final int MAX_WALK_BACK = 256;

  /**
   * A length-delimited field's content, where it lies in the message's bytes.
   *
   * @param nested whether the content parsed as a message of its own
   */
  record Span(String path, int start, int end, boolean nested) {}

  /** A numeric field's value, read as unsigned. */
  record Number(String path, String decimal) {}

  /** What a walk found: every length-delimited span (outer before inner) and every number. */
  record Message(List<Span> spans, List<Number> numbers) {
    /** The path of the innermost span holding the offset; empty when none does. */
    Optional<String> pathAt(int offset) {
      return innermost(offset, offset + 1).map(Span::path);
    }

    /**
     * The innermost span holding {@code [start, end)}. Spans are listed outer before inner
     * and in order, so their starts ascend: a binary search, then a short walk back over
     * the fields that ended before.
     */
    Optional<Span> innermost(int start, int end) {
      int lo = 0;
      int hi = spans.size() - 1;
      int last = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (spans.get(mid).start() <= start) {
          last = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      for (int i = last, steps = 0; i >= 0 && steps < MAX_WALK_BACK; i--, steps++) {
        Span s = spans.get(i);
        if (s.start() <= start && end <= s.end()) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  private Protobuf() {}

  /**
   * The text (a byte string) walked as a protobuf message, or empty when it is not one:
   * it holds no field, a field is malformed or runs past the end, or more than
   * {@code maxFields} fields would be walked.
   */
  static Optional<Message> parse(String bytes, int maxFields) {
    Message message = new Message(new ArrayList<>(), new ArrayList<>());
    int[] budget = {maxFields};
    if (bytes.isEmpty() || !walk(bytes, 0, bytes.length(), "", 0, message, budget)) {
      return Optional.empty();
    }
    return Optional.of(message);
  }

  private static boolean walk(String b, int from, int to, String prefix, int depth, Message out, int[] budget) {
    int spans = out.spans().size();
    int numbers = out.numbers().size();
    int i = from;
    while (i < to) {
      if (--budget[0] < 0) {
        return false;
      }
      long[] tag = varint(b, i, to);
      if (tag == null) {
        return rollback(out, spans, numbers);
      }
      i = (int) tag[1];
      long field = tag[0] >>> 3;
      int wire = (int) (tag[0] & 7);
      if (field == 0 || field >= MAX_FIELD_NUMBER) {
        return rollback(out, spans, numbers);
      }
      String path = prefix.isEmpty() ? Long.toString(field) : prefix + "." + field;
      switch (wire) {
        case 0 -> {
          long[] v = varint(b, i, to);
          if (v == null) {
            return rollback(out, spans, numbers);
          }
          out.numbers().add(new Number(path, Long.toUnsignedString(v[0])));
          i = (int) v[1];
        }
        case 1, 5 -> {
          int width = wire == 1 ? 8 : 4;
          if (to - i < width) {
            return rollback(out, spans, numbers);
          }
          long v = 0;
          for (int k = width - 1; k >= 0; k--) {
            v = (v << 8) | (b.charAt(i + k) & 0xff);
          }
          out.numbers().add(new Number(path, Long.toUnsignedString(v)));
          i += width;
        }
        case 2 -> {
          long[] len = varint(b, i, to);
          if (len == null || len[0] < 0 || len[0] > to - len[1]) {
            return rollback(out, spans, numbers);
          }
          int start = (int) len[1];
          int end = start + (int) len[0];
          int at = out.spans().size();
          out.spans().add(new Span(path, start, end, false));
          // a field that does not parse as a message is kept as bytes
          if (depth + 1 < MAX_DEPTH && end > start && !printable(b, start, end)
              && walk(b, start, end, path, depth + 1, out, budget)) {
            out.spans().set(at, new Span(path, start, end, true));
          }
          i = end;
        }
        default -> {
          return rollback(out, spans, numbers);
        }
      }
    }
    return out.spans().size() > spans || out.numbers().size() > numbers;
  }

  private static boolean rollback(Message out, int spans, int numbers) {
    out.spans().subList(spans, out.spans().size()).clear();
    out.numbers().subList(numbers, out.numbers().size()).clear();
    return false;
  }

  /** The value and the index after it, or null when malformed or cut off. */
  private static long[] varint(String b, int i, int to) {
    long value = 0;
    for (int shift = 0; shift < 64 && i < to; shift += 7) {
      int c = b.charAt(i++) & 0xff;
      value |= (long) (c & 0x7f) << shift;
      if ((c & 0x80) == 0) {
        return new long[] {value, i};
      }
    }
    return null;
  }

  /** Text is a string field, even when it happens to parse as fields. */
  static boolean printable(String b, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = b.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Whether some of the first bytes are control bytes, as in any binary format. */
  static boolean looksBinary(String b) {
    int n = Math.min(b.length(), 256);
    return n > 0 && !printable(b, 0, n);
  }
}
