package io.phonehome.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The decodings the detector undoes: url/form escapes, html character references, JSON
 * string escapes, base64, base32 and hex runs, gzip, deflate (zlib or raw) and brotli.
 * Text is a byte string (one ISO-8859-1 char per byte); so is every result.
 */
final class Decoding {
  /** Shorter runs are mostly words and identifiers that merely look like base64. */
  static final int MIN_BASE64_RUN = 12;


  /** Eight bytes: a crc32 or a short value written in hex. */
  static final int MIN_HEX_RUN = 16;


  /** As for base64: shorter runs are mostly upper-case words. */
  static final int MIN_BASE32_RUN = 10;


  private static final Pattern URL_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
  private static final Pattern HTML_REFERENCE =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos|nbsp);");
  private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\(u[0-9A-Fa-f]{4}|[\"\\\\/bfnrt])");

  private Decoding() {}

  /** Bytes that came out of a decompression, cut at the cap when it was reached. */
  record Inflated(byte[] bytes, boolean truncated) {}

  /** Undoes %XX escapes and {@code +} for space; a malformed escape is kept as is. */
  static String urlDecode(String text) {
    return urlDecode(text, true);
  }

  /** Whether the text holds a %XX escape. */
  static boolean hasUrlEscape(String text) {
    return text.indexOf('%') >= 0 && URL_ESCAPE.matcher(text).find();
  }

  /** Undoes %XX escapes, and {@code +} for space when the text is form encoded. */
  static String urlDecode(String text, boolean plusIsSpace) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+' && plusIsSpace) {
        out.append(' ');
      } else if (c == '%' && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        out.append((char) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2))));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** A run of encoded text, where it lies in its haystack, and what it decodes to. */
  record Run(int start, int end, byte[] bytes) {}

  /** The runs of the text that look like base64 or base64url, decoded. */
  static List<Run> base64Runs(String text, int maxRuns) {
    return base64Runs(new RunIndex(text), maxRuns);
  }

  /** The same, from an index of the text's runs that the other kinds share. */
  static List<Run> base64Runs(RunIndex index, int maxRuns) {
    String text = index.text;
    List<Run> out = new ArrayList<>();
    int[] span = new int[2];
    for (int from = 0; out.size() < maxRuns && nextRun(index, from, BASE64_CHARS, MIN_BASE64_RUN, 2, span); from = span[1]) {
      int runStart = span[0];
      String wrapped = unwrap(text, span);
      if (wrapped != null) {
        int lineStart = span[0];
        decodeBase64(wrapped).ifPresent(bytes -> out.add(new Run(lineStart, span[1], bytes)));
        continue;
      }
      String run = text.substring(runStart, span[1]);
      if (isWord(run)) {
        // lower-case letters and dashes are words and names; base64 of 12 bytes or more of
        // anything has that look once in 40,000
        continue;
      }
      decodeBase64(run).ifPresent(bytes -> out.add(new Run(runStart, runStart + run.length(), bytes)));
      if (run.indexOf('/') >= 0 && slashes(run) <= MAX_PATH_SEGMENTS) {
        // a URL path is one run; its segments may each be base64 (a blob of base64 has a
        // slash every 64 characters: it is not cut into thousands of segments)
        int at = runStart;
        for (String segment : run.split("/", -1)) {
          int start = at;
          if (segment.length() >= MIN_BASE64_RUN && out.size() < maxRuns && !isWord(segment)) {
            decodeBase64(segment).ifPresent(bytes -> out.add(new Run(start, start + segment.length(), bytes)));
          }
          at += segment.length() + 1;
        }
      }
    }
    return out;
  }

  /** More slashes than a URL path has: the run is a base64 blob, not path segments. */
  private static final int MAX_PATH_SEGMENTS = 16;

  private static int slashes(String run) {
    int n = 0;
    for (int i = run.indexOf('/'); i >= 0; i = run.indexOf('/', i + 1)) {
      n++;
    }
    return n;
  }

  private static final List<String> LINE_BREAKS = List.of("\r\n", "\n", "\\r\\n", "\\n");

  /**
   * Base64 broken into lines (Android's Base64.DEFAULT and MIME wrap at 76 characters, PEM
   * at 64), also when the line breaks are JSON escapes: the lines joined, with
   * {@code span}'s end moved past the last line; null when the run is not such a line.
   */
  private static String unwrap(String text, int[] span) {
    if (text.charAt(span[1] - 1) == '=') {
      return null;
    }
    // the line may follow a path's slash, which the run includes
    int length = span[1] - span[0] == 76 || span[1] - span[0] == 64 ? span[1] - span[0] : 0;
    for (int candidate : new int[] {76, 64}) {
      int start = span[1] - candidate;
      if (length == 0 && start > span[0] && text.charAt(start - 1) == '/') {
        length = candidate;
      }
    }
    if (length == 0) {
      return null;
    }
    int lineStart = span[1] - length;
    StringBuilder joined = null;
    int end = span[1];
    while (true) {
      String lineBreak = null;
      for (String b : LINE_BREAKS) {
        if (text.startsWith(b, end)) {
          lineBreak = b;
          break;
        }
      }
      if (lineBreak == null) {
        break;
      }
      int next = end + lineBreak.length();
      int stop = next;
      while (stop < text.length() && in(text.charAt(stop), BASE64_CHARS)) {
        stop++;
      }
      while (stop < text.length() && stop - next < length + 2 && text.charAt(stop) == '=') {
        stop++;
      }
      boolean lastLine = stop - next < length || text.charAt(stop - 1) == '=';
      // a padded last line is whole quanta; a shorter word after a line break is not base64
      if (stop == next || stop - next > length || lastLine && (stop - next) % 4 != 0) {
        break;
      }
      if (joined == null) {
        joined = new StringBuilder(text.substring(lineStart, span[1]));
      }
      joined.append(text, next, stop);
      end = stop;
      if (lastLine) {
        break;
      }
    }
    if (joined == null) {
      return null;
    }
    span[0] = lineStart;
    span[1] = end;
    return joined.toString();
  }

  private static final int BASE64_CHARS = 1;
  private static final int HEX_CHARS = 2;
  private static final int BASE32_CHARS = 4;
  private static final byte[] CLASSES = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      boolean upper = c >= 'A' && c <= 'Z';
      boolean lower = c >= 'a' && c <= 'z';
      boolean digit = c >= '0' && c <= '9';
      int k = 0;
      if (upper || lower || digit || c == '+' || c == '/' || c == '-' || c == '_') {
        k |= BASE64_CHARS;
      }
      if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        k |= HEX_CHARS;
      }
      if (upper || (c >= '2' && c <= '7')) {
        k |= BASE32_CHARS;
      }
      CLASSES[c] = (byte) k;
    }
  }

  /** {@link #CLASSES} for every byte value (none above 127). */
  private static final byte[] BYTE_CLASSES = java.util.Arrays.copyOf(CLASSES, 256);

  private static boolean in(char c, int kind) {
    return c < 128 && (CLASSES[c] & kind) != 0;
  }

  /**
   * The next maximal run of characters of one kind, at least {@code min} long, from
   * {@code from}, followed by at most {@code maxPadding} {@code =}; its start and end go
   * into {@code span}. The runs of all three kinds are indexed together for the text
   * (see {@link RunIndex}), which the three decoders of one text share.
   */
  private static boolean nextRun(RunIndex index, int from, int kind, int min, int maxPadding, int[] span) {
    String text = index.text;
    int k = Integer.numberOfTrailingZeros(kind);
    int[] starts = index.starts[k];
    int[] ends = index.ends[k];
    int count = index.counts[k];
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ends[mid] <= from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int r = lo; r < count; r++) {
      int start = Math.max(starts[r], from);
      int runEnd = ends[r];
      if (runEnd - start >= min) {
        int end = runEnd;
        while (end < text.length() && end - runEnd < maxPadding && text.charAt(end) == '=') {
          end++;
        }
        span[0] = start;
        span[1] = end;
        return true;
      }
    }
    return false;
  }

  /**
   * The maximal runs of base64, hex and base32 characters of one text that are long enough
   * to decode, found together: the detector asks for the three kinds of one text in a row.
   */
  static final class RunIndex {
    private static final int[] MIN = {MIN_BASE64_RUN, MIN_HEX_RUN, MIN_BASE32_RUN};

    private final String text;
    private final int[][] starts = {new int[8], new int[8], new int[8]};
    private final int[][] ends = {new int[8], new int[8], new int[8]};
    private final int[] counts = new int[3];

    RunIndex(String text) {
      this(text, Bytes.ofLatin1(text));
    }

    /**
     * @param latin1 the text's ISO-8859-1 bytes (characters above 255 become {@code '?'},
     *     of no kind), which read faster than charAt
     */
    RunIndex(String text, byte[] latin1) {
      this.text = text;
      for (int k = 0; k < 3; k++) {
        index(latin1, k, 1 << k, MIN[k]);
      }
    }

    /**
     * Every run at least {@code min} long holds one of the characters at min-1, 2min-1,
     * ...: only those are looked at, and a run is measured from one that is of the kind.
     * A base64 blob is read once; hex and base32 runs inside it cost a probe each.
     */
    private void index(byte[] bytes, int k, int bit, int min) {
      int n = bytes.length;
      int lastEnd = 0;
      int i = min - 1;
      while (i < n) {
        if ((BYTE_CLASSES[bytes[i] & 0xff] & bit) == 0) {
          i += min;
          continue;
        }
        int start = i;
        while (start > lastEnd && (BYTE_CLASSES[bytes[start - 1] & 0xff] & bit) != 0) {
          start--;
        }
        int end = i + 1;
        while (end < n && (BYTE_CLASSES[bytes[end] & 0xff] & bit) != 0) {
          end++;
        }
        close(k, start, end);
        lastEnd = end;
        i = end + min;
      }
    }

    private void close(int k, int start, int end) {
      if (end - start < MIN[k]) {
        return;
      }
      if (counts[k] == starts[k].length) {
        starts[k] = java.util.Arrays.copyOf(starts[k], counts[k] * 2);
        ends[k] = java.util.Arrays.copyOf(ends[k], counts[k] * 2);
      }
      starts[k][counts[k]] = start;
      ends[k][counts[k]] = end;
      counts[k]++;
    }
  }

  private static boolean isWord(String run) {
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (!(c >= 'a' && c <= 'z') && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * The runs of hex digits, decoded. A run of odd length is decoded both ways, dropping
   * its first or its last digit, since either may belong to the text around it.
   */
  static List<Run> hexRuns(String text, int maxRuns) {
    return hexRuns(new RunIndex(text), maxRuns);
  }

  /** The same, from an index of the text's runs that the other kinds share. */
  static List<Run> hexRuns(RunIndex index, int maxRuns) {
    String text = index.text;
    List<Run> out = new ArrayList<>();
    int[] span = new int[2];
    for (int from = 0; out.size() < maxRuns && nextRun(index, from, HEX_CHARS, MIN_HEX_RUN, 0, span); from = span[1]) {
      int start = span[0];
      int end = span[1];
      int even = (end - start) & ~1;
      out.add(new Run(start, end, java.util.HexFormat.of().parseHex(text, start, start + even)));
      if (start + even != end) {
        out.add(new Run(start, end, java.util.HexFormat.of().parseHex(text, start + 1, end)));
      }
    }
    return out;
  }

  /** The runs of the text that look like base32 (RFC 4648, upper case), decoded. */
  static List<Run> base32Runs(String text, int maxRuns) {
    return base32Runs(new RunIndex(text), maxRuns);
  }

  /** The same, from an index of the text's runs that the other kinds share. */
  static List<Run> base32Runs(RunIndex index, int maxRuns) {
    String text = index.text;
    List<Run> out = new ArrayList<>();
    int[] span = new int[2];
    for (int from = 0; out.size() < maxRuns && nextRun(index, from, BASE32_CHARS, MIN_BASE32_RUN, 6, span); from = span[1]) {
      out.add(new Run(span[0], span[1], decodeBase32(text.substring(span[0], span[1]))));
    }
    return out;
  }

  static byte[] decodeBase32(String run) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(run.length() * 5 / 8 + 1);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (v < 0) {
        break;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** The escapes the detector undoes in place: url %XX, html character references, JSON string escapes. */
  enum Escape {
    URL(URL_ESCAPE, '%', "&=,;/\\{}[]"),
    HTML(HTML_REFERENCE, '&', "=,\\{}[]"),
    JSON(JSON_ESCAPE, '\\', ",:{}[]");

    private final Pattern pattern;
    private final char lead;
    private final String delimiters;

    Escape(Pattern pattern, char lead, String delimiters) {
      this.pattern = pattern;
      this.lead = lead;
      this.delimiters = delimiters;
    }

    boolean delimits(char c) {
      return c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || delimiters.indexOf(c) >= 0;
    }

    String undo(String text) {
      return switch (this) {
        case URL -> urlDecode(text, false);
        case HTML -> htmlUnescape(text);
        case JSON -> jsonUnescape(text);
      };
    }
  }

  /** A stretch of text holding escapes, up to the characters that delimit a token around them. */
  record Region(int start, int end) {}

  /**
   * The tokens of the text that hold escapes of one kind: each escape widened to the
   * delimiters around it, so that a value written fully escaped is one region, decoded
   * alone rather than as a copy of the whole text.
   */
  static List<Region> escapedRegions(String text, Escape kind, int maxRegions) {
    List<Region> out = new ArrayList<>();
    if (text.indexOf(kind.lead) < 0) {
      return out;
    }
    Matcher m = kind.pattern.matcher(text);
    int covered = 0;
    int from = 0;
    // every escape starts with its lead character: try the pattern only there
    for (int at = text.indexOf(kind.lead); at >= 0 && out.size() < maxRegions; at = text.indexOf(kind.lead, from)) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        from = at + 1;
        continue;
      }
      int left = m.start();
      while (left > covered && !kind.delimits(text.charAt(left - 1))) {
        left--;
      }
      int right = m.end();
      while (right < text.length() && !kind.delimits(text.charAt(right))) {
        right++;
      }
      out.add(new Region(left, right));
      covered = right;
      from = right;
    }
    return out;
  }

  /** Whether the text holds an html character reference the detector undoes. */
  static boolean hasHtmlReference(String text) {
    return text.indexOf('&') >= 0 && HTML_REFERENCE.matcher(text).find();
  }

  /** Undoes decimal, hex and the basic named character references; others stay. */
  static String htmlUnescape(String text) {
    Matcher m = HTML_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      String ref = m.group(1);
      int cp = switch (ref) {
        case "amp" -> '&';
        case "lt" -> '<';
        case "gt" -> '>';
        case "quot" -> '"';
        case "apos" -> '\'';
        case "nbsp" -> 0xa0;
        default -> ref.charAt(1) == 'x' || ref.charAt(1) == 'X'
            ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
      };
      appendUtf8(out, cp);
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** Whether the text holds a JSON string escape. */
  static boolean hasJsonEscape(String text) {
    return text.indexOf('\\') >= 0 && JSON_ESCAPE.matcher(text).find();
  }

  /** Undoes JSON string escapes ({@code \\uXXXX} with surrogate pairs, {@code \\/}, ...). */
  static String jsonUnescape(String text) {
    Matcher m = JSON_ESCAPE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    int highSurrogate = -1;
    while (m.find()) {
      if (m.start() != last && highSurrogate >= 0) {
        appendUtf8(out, highSurrogate);
        highSurrogate = -1;
      }
      out.append(text, last, m.start());
      String e = m.group(1);
      int c = switch (e.charAt(0)) {
        case 'u' -> Integer.parseInt(e.substring(1), 16);
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        default -> e.charAt(0);
      };
      if (highSurrogate >= 0 && Character.isLowSurrogate((char) c)) {
        appendUtf8(out, Character.toCodePoint((char) highSurrogate, (char) c));
        highSurrogate = -1;
      } else {
        if (highSurrogate >= 0) {
          appendUtf8(out, highSurrogate);
          highSurrogate = -1;
        }
        if (Character.isHighSurrogate((char) c)) {
          highSurrogate = c;
        } else {
          appendUtf8(out, c);
        }
      }
      last = m.end();
    }
    if (highSurrogate >= 0) {
      appendUtf8(out, highSurrogate);
    }
    return out.append(text, last, text.length()).toString();
  }

  /** A code point as its UTF-8 bytes, one char per byte. */
  private static void appendUtf8(StringBuilder out, int cp) {
    if (cp < 0x80) {
      out.append((char) cp);
    } else if (cp > 0x10ffff) {
      out.append('?');
    } else {
      for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        out.append((char) (b & 0xff));
      }
    }
  }

  static Optional<byte[]> decodeBase64(String run) {
    String body = run.replace("=", "");
    boolean urlAlphabet = body.indexOf('-') >= 0 || body.indexOf('_') >= 0;
    boolean stdAlphabet = body.indexOf('+') >= 0 || body.indexOf('/') >= 0;
    if (urlAlphabet && stdAlphabet) {
      return Optional.empty();
    }
    if (body.length() % 4 == 1) {
      body = body.substring(0, body.length() - 1);
    }
    try {
      return Optional.of((urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean looksGzip(String bytes) {
    return bytes.length() >= 10 && bytes.charAt(0) == 0x1f && bytes.charAt(1) == 0x8b;
  }

  static boolean looksZlib(String bytes) {
    if (bytes.length() < 6) {
      return false;
    }
    int cmf = bytes.charAt(0);
    int flg = bytes.charAt(1);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
  }

  static Inflated gunzip(byte[] in, int cap) throws IOException {
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
      return readCapped(gz, cap);
    }
  }

  /** zlib (RFC 1950) as HTTP means it, falling back to raw deflate that some servers send. */
  static Inflated inflate(byte[] in, int cap) throws IOException {
    try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(in))) {
      return readCapped(z, cap);
    } catch (IOException zlibFailed) {
      Inflater raw = new Inflater(true);
      try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(in), raw)) {
        return readCapped(z, cap);
      } finally {
        raw.end();
      }
    }
  }

  /** Brotli (RFC 7932), which has no magic number: only tried where something suggests it. */
  static Inflated unbrotli(byte[] in, int cap) throws IOException {
    // the stream's own output buffer need not outgrow what it reads from
    int buffer = Math.max(256, Math.min(org.brotli.dec.BrotliInputStream.DEFAULT_INTERNAL_BUFFER_SIZE, 4 * in.length));
    try (InputStream br = new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(in), buffer)) {
      return readCapped(br, cap);
    }
  }

  private static Inflated readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[Math.min(16 * 1024, Math.max(1, cap))];
    int n;
    while ((n = in.read(buffer)) > 0) {
      int room = cap - out.size();
      if (n > room) {
        out.write(buffer, 0, room);
        return new Inflated(out.toByteArray(), true);
      }
      out.write(buffer, 0, n);
    }
    return new Inflated(out.toByteArray(), false);
  }
}
