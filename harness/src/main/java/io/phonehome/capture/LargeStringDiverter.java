package io.phonehome.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON bytes passed through unchanged, except that a string value longer than a
 * threshold is taken out: its content, with the JSON escapes undone (as UTF-8), goes to
 * a spool file, and the parser reading this stream sees a short placeholder string
 * instead. So a HAR entry holding a 2 GB upload parses in constant memory.
 *
 * <p>It also keeps the map from offsets in its output back to offsets in the file, so
 * that parse errors name the byte of the file.
 */
final class LargeStringDiverter extends InputStream {
  /** Starts every placeholder; no HAR text starts with a NUL character. */
  static final String MARK = "\u0000phonehome-spool:";
  private static final byte[] MARK_JSON = "\\u0000phonehome-spool:".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final long threshold;
  private final Path spoolDir;
  private final long baseOffset;
  private final byte[] input = new byte[1 << 16];
  private int inPos;
  private int inLen;
  private boolean inEnded;
  private long consumed;

  private byte[] out = new byte[1 << 16];
  private int outPos;
  private int outLen;
  private long produced;

  private boolean inString;
  private boolean escaped;
  private byte[] hold = new byte[1 << 12];
  private int holdLen;

  private OutputStream spool;
  private Path spoolPath;
  private final JsonUnescaper unescaper = new JsonUnescaper();
  private final Map<String, Spooled> spooled = new LinkedHashMap<>();
  private final List<long[]> shifts = new ArrayList<>();
  private static int nextId;

  /** A string value that was taken out: where its bytes are and how many there are. */
  record Spooled(Path file, long bytes) {}

  /**
   * @param prefix bytes the output starts with before {@code in}'s (to resume parsing in
   *     the middle of a file as if it were the start of one)
   * @param baseOffset the file offset of {@code in}'s first byte
   */
  LargeStringDiverter(InputStream in, long threshold, Path spoolDir, byte[] prefix, long baseOffset) {
    this.in = in;
    this.threshold = threshold;
    this.spoolDir = spoolDir;
    this.baseOffset = baseOffset;
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    outLen = prefix.length;
    shifts.add(new long[] {prefix.length, baseOffset});
  }

  /** Bytes read from the file so far (including any spooled). */
  long fileOffset() {
    return baseOffset + consumed - (inLen - inPos);
  }

  /** The file offset that output offset {@code produced} came from. */
  long fileOffsetOf(long outputOffset) {
    long[] shift = shifts.get(0);
    for (long[] s : shifts) {
      if (s[0] <= outputOffset) {
        shift = s;
      }
    }
    return Math.max(shift[1], outputOffset - shift[0] + shift[1]);
  }

  /** Takes the spool a placeholder names; null when the text is no placeholder of this stream. */
  Spooled take(String placeholder) {
    return placeholder.startsWith(MARK) ? spooled.remove(placeholder.substring(MARK.length())) : null;
  }

  /** Deletes every spool not taken. */
  void deleteUntaken() {
    for (Spooled s : spooled.values()) {
      deleteQuietly(s.file());
    }
    spooled.clear();
    closeSpool(true);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outPos == outLen) {
      outPos = 0;
      outLen = 0;
      if (!fill()) {
        return -1;
      }
      process();
    }
    int n = Math.min(len, outLen - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    produced += n;
    return n;
  }

  private boolean fill() throws IOException {
    if (inPos < inLen) {
      return true;
    }
    if (inEnded) {
      flushAtEnd();
      return outLen > 0;
    }
    int n = in.read(input, 0, input.length);
    if (n < 0) {
      inEnded = true;
      flushAtEnd();
      return outLen > 0;
    }
    inPos = 0;
    inLen = n;
    consumed += n;
    return true;
  }

  /** A file cut inside a string: give the parser what was held so it reports the cut. */
  private void flushAtEnd() {
    if (spool != null) {
      closeSpool(true);
    }
    if (holdLen > 0) {
      emit(hold, 0, holdLen);
      holdLen = 0;
    }
  }

  private void process() throws IOException {
    while (inPos < inLen && outLen < out.length / 2) {
      if (spool != null) {
        divert();
      } else if (inString) {
        holdString();
      } else {
        int start = inPos;
        while (inPos < inLen && input[inPos] != '"') {
          inPos++;
        }
        if (inPos < inLen) {
          inPos++;
          inString = true;
          escaped = false;
        }
        emit(input, start, inPos - start);
      }
    }
  }

  private void holdString() throws IOException {
    int start = inPos;
    boolean closed = false;
    // look no further than one byte past the threshold, so a long string is caught in time
    int limit = (int) Math.min(inLen, inPos + Math.max(1, threshold + 1 - holdLen));
    while (inPos < limit) {
      byte c = input[inPos++];
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        closed = true;
        break;
      }
    }
    append(input, start, inPos - start);
    if (closed) {
      emit(hold, 0, holdLen);
      holdLen = 0;
      inString = false;
    } else if (holdLen > threshold) {
      startSpool();
    }
  }

  private void append(byte[] b, int off, int len) {
    if (holdLen + len > hold.length) {
      hold = Arrays.copyOf(hold, Math.max(hold.length * 2, holdLen + len));
    }
    System.arraycopy(b, off, hold, holdLen, len);
    holdLen += len;
  }

  private void startSpool() throws IOException {
    spoolPath = Files.createTempFile(spoolDir, "phonehome-body-", ".spool");
    spool = new BufferedOutputStream(Files.newOutputStream(spoolPath), 1 << 16);
    unescaper.reset(spool);
    unescaper.scanEscaped = escaped;
    unescaper.write(hold, 0, holdLen);
    holdLen = 0;
    if (hold.length > 1 << 16) {
      hold = new byte[1 << 12];
    }
  }

  private void divert() throws IOException {
    int start = inPos;
    int end = unescaper.scanToClosingQuote(input, inPos, inLen);
    boolean closed = end >= 0;
    int stop = closed ? end : inLen;
    unescaper.write(input, start, stop - start);
    inPos = closed ? end + 1 : inLen;
    if (closed) {
      long bytes = unescaper.written();
      closeSpool(false);
      String id;
      synchronized (LargeStringDiverter.class) {
        id = Integer.toString(nextId++);
      }
      spooled.put(id, new Spooled(spoolPath, bytes));
      emit(MARK_JSON, 0, MARK_JSON.length);
      byte[] idBytes = (id + "\"").getBytes(StandardCharsets.US_ASCII);
      emit(idBytes, 0, idBytes.length);
      shifts.add(new long[] {produced + outLen, fileOffset()});
      inString = false;
    }
  }

  private void closeSpool(boolean delete) {
    if (spool == null) {
      return;
    }
    try {
      spool.close();
    } catch (IOException e) {
      delete = true;
    }
    spool = null;
    if (delete) {
      deleteQuietly(spoolPath);
    }
  }

  private void emit(byte[] b, int off, int len) {
    if (outLen + len > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + len));
    }
    System.arraycopy(b, off, out, outLen, len);
    outLen += len;
  }

  @Override
  public void close() throws IOException {
    deleteUntaken();
    in.close();
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  /** Undoes JSON string escapes on the fly, writing UTF-8, across any chunk boundaries. */
  static final class JsonUnescaper {
    private OutputStream sink;
    private long written;
    private int state; // 0 plain, 1 after backslash, 2..5 reading \\u digits
    private int unit;
    private int highSurrogate = -1;
    private boolean scanEscaped;

    void reset(OutputStream to) {
      sink = to;
      written = 0;
      state = 0;
      highSurrogate = -1;
      scanEscaped = false;
    }

    long written() {
      return written;
    }

    /** Index of the unescaped closing quote in {@code b[from, to)}, or -1; keeps escape state across calls. */
    int scanToClosingQuote(byte[] b, int from, int to) {
      boolean esc = scanEscaped;
      for (int i = from; i < to; i++) {
        byte c = b[i];
        if (esc) {
          esc = false;
        } else if (c == '\\') {
          esc = true;
        } else if (c == '"') {
          scanEscaped = false;
          return i;
        }
      }
      scanEscaped = esc;
      return -1;
    }

    void write(byte[] b, int off, int len) throws IOException {
      int runStart = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        int c = b[i] & 0xff;
        if (state == 0) {
          if (c != '\\') {
            continue;
          }
          plain(b, runStart, i - runStart);
          state = 1;
        } else if (state == 1) {
          escape(c);
        } else {
          int digit = Character.digit(c, 16);
          unit = unit * 16 + Math.max(digit, 0);
          if (++state == 6) {
            state = 0;
            codeUnit(unit);
          }
        }
        runStart = i + 1;
      }
      if (state == 0) {
        plain(b, runStart, end - runStart);
      }
    }

    private void plain(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        lone();
        sink.write(b, off, len);
        written += len;
      }
    }

    private void escape(int c) throws IOException {
      state = 0;
      switch (c) {
        case 'u' -> {
          state = 2;
          unit = 0;
        }
        case 'n' -> ascii('\n');
        case 't' -> ascii('\t');
        case 'r' -> ascii('\r');
        case 'b' -> ascii('\b');
        case 'f' -> ascii('\f');
        default -> ascii(c);
      }
    }

    private void ascii(int c) throws IOException {
      lone();
      sink.write(c);
      written++;
    }

    private void codeUnit(int u) throws IOException {
      if (Character.isHighSurrogate((char) u)) {
        lone();
        highSurrogate = u;
        return;
      }
      if (Character.isLowSurrogate((char) u)) {
        if (highSurrogate >= 0) {
          int cp = Character.toCodePoint((char) highSurrogate, (char) u);
          highSurrogate = -1;
          utf8(cp);
        } else {
          ascii('?');
        }
        return;
      }
      lone();
      utf8(u);
    }

    /** A high surrogate with no low one after it is written as '?', as String.getBytes does. */
    private void lone() throws IOException {
      if (highSurrogate >= 0) {
        highSurrogate = -1;
        sink.write('?');
        written++;
      }
    }

    private void utf8(int cp) throws IOException {
      byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      sink.write(bytes);
      written += bytes.length;
    }
  }
}
