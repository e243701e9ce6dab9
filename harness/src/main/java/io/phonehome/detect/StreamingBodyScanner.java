package io.phonehome.detect;

import io.phonehome.capture.Flow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Searches a request body too large to hold in memory (a 2 GB upload) as a stream, in
 * fixed chunks, for the same needles as {@link Detector}: every form of every value,
 * plain and in each encoding the needles are written in (url, base64, hex, digests, ...).
 * The body's Content-Encoding (gzip, deflate) is undone as a stream.
 *
 * <p>Base64 runs of 16 characters or more (either alphabet) and hex runs of 32 or more
 * are decoded as they stream past and searched too ({@code base64}, {@code hex}), and a
 * run that decodes to gzip is inflated on the fly ({@code gzip+base64}). What the
 * in-memory detector does beyond that is skipped for such a body, and each scan says so
 * in a note: url escapes and form fields are not undone, and chains deeper than these
 * are not followed.
 * Findings carry location {@code body}, detail {@code body}.
 *
 * <pre>{@code
 * StreamingBodyScanner scanner = new StreamingBodyScanner(identity);
 * FlowScan body = scanner.scan(flow, () -> Files.newInputStream(spooledBody), size);
 * }</pre>
 */
public final class StreamingBodyScanner {
  private static final int CHUNK = 1 << 16;
  /** Inflating past this is a decompression bomb rather than an upload. */
  private static final long MAX_INFLATED = 16L << 30;
  /** One gzip member inside an encoded run inflates to this at most. */
  private static final long MAX_MEMBER_OUTPUT = 1L << 30;
  private static final int MAX_PENDING_MATCHES = 100_000;

  private final List<Needle> needles;
  private final AhoCorasick automaton;
  private final int longest;
  private final long maxInflated;
  private final long maxMemberOutput;

  /** Opens the body's bytes as sent, before any Content-Encoding is undone; may be called twice. */
  @FunctionalInterface
  public interface BodySource {
    InputStream open() throws IOException;
  }

  public StreamingBodyScanner(IdentitySet identity) {
    this(identity, MAX_INFLATED, MAX_MEMBER_OUTPUT);
  }

  /**
   * A scanner with other inflate caps, for tests: a body that inflates past {@code maxInflated},
   * or a gzip member in an encoded run past {@code maxMemberOutput}, is searched up to the cap
   * and the flow is unverifiable ({@link Finding#unread}).
   */
  StreamingBodyScanner(IdentitySet identity, long maxInflated, long maxMemberOutput) {
    this.needles = Needles.of(Objects.requireNonNull(identity, "identity"));
    this.automaton = new AhoCorasick(needles.stream().map(Needle::text).toList());
    this.longest = needles.stream().mapToInt(n -> n.text().length()).max().orElse(0);
    this.maxInflated = maxInflated;
    this.maxMemberOutput = maxMemberOutput;
  }

  /** How many needles (every form in every encoding) the scanner searches for. */
  public int needleCount() {
    return needles.size();
  }

  /** The needle texts, one per needle, as ISO-8859-1 strings of bytes. */
  public List<String> needleTexts() {
    return needles.stream().map(Needle::text).toList();
  }

  /** The size of the search automaton: states, byte classes and bytes of heap. */
  public String automatonSize() {
    AhoCorasick.Size s = automaton.size();
    return s.patterns() + " patterns, " + s.states() + " states (" + s.denseStates() + " dense), " + s.classes() + " byte classes, "
        + String.format(Locale.ROOT, "%.1f MB", s.bytes() / 1e6);
  }

  /**
   * Searches the body of {@code flow} read from {@code body}; {@code size} is its length as
   * sent (for the note). The flow's own body bytes are ignored. Never throws on content:
   * a body that does not decode under its Content-Encoding is searched as sent, with a note.
   */
  public FlowScan scan(Flow flow, BodySource body, long size) throws IOException {
    Search search = new Search(flow);
    String coding = flow.requestHeader("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
    String skipped = "its base64 and hex runs were decoded (and gzip in them inflated) but url escapes,"
        + " form fields and deeper chains were not";
    if (coding.isEmpty() || coding.equals("identity")) {
      search.run(body.open());
      search.note("body of " + size + " bytes searched streaming; " + skipped);
      return search.result();
    }
    try (InputStream decoded = decode(coding, body.open(), search)) {
      if (decoded == null) {
        search.note("body has Content-Encoding " + coding + ", which the detector cannot undo; searched it as sent");
        search.run(body.open());
      } else {
        search.run(decoded);
      }
      search.note("body of " + size + " bytes searched streaming (Content-Encoding " + coding
          + " undone as a stream); " + skipped);
    } catch (IOException e) {
      search.note("body says Content-Encoding " + coding + " but does not decode after "
          + search.position + " bytes (" + e.getMessage() + "); searched it as sent");
      search.reset();
      search.run(body.open());
    }
    return search.result();
  }

  /** Searches a stream of bytes already free of any Content-Encoding, with findings for {@code flow}. */
  public FlowScan scan(Flow flow, InputStream decodedBody) throws IOException {
    Search search = new Search(flow);
    search.run(decodedBody);
    return search.result();
  }

  /**
   * Runs the automaton alone over {@code in}: no decoding, no decisions, only the count of
   * needle occurrences. For measuring the matching itself.
   */
  public long countMatches(InputStream in) throws IOException {
    byte[] chunk = new byte[CHUNK];
    long[] count = new long[1];
    int state = automaton.start();
    long position = 0;
    int n;
    while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
      state = automaton.feed(state, chunk, 0, n, position, (p, end) -> count[0]++);
      position += n;
    }
    return count[0];
  }

  private InputStream decode(String coding, InputStream raw, Search search) throws IOException {
    InputStream in = new BufferedInputStream(raw, CHUNK);
    return switch (coding) {
      case "gzip", "x-gzip" -> capped(new GZIPInputStream(in, CHUNK), coding, search);
      case "deflate" -> capped(new InflaterInputStream(in, new Inflater(looksRawDeflate(in)), CHUNK), coding, search);
      default -> {
        in.close();
        yield null;
      }
    };
  }

  /** HTTP deflate is zlib, but some servers send raw deflate: tell them apart by the header. */
  private static boolean looksRawDeflate(InputStream in) throws IOException {
    in.mark(2);
    int cmf = in.read();
    int flg = in.read();
    in.reset();
    return cmf < 0 || flg < 0 || (cmf & 0x0f) != 8 || ((cmf << 8) | flg) % 31 != 0;
  }

  /** The inflated body, ending at the cap; a body with more past it makes the flow unverifiable. */
  private InputStream capped(InputStream in, String coding, Search search) {
    return new java.io.FilterInputStream(in) {
      private long total;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (total >= maxInflated) {
          if (super.read() >= 0) {
            search.unread("body past the " + DetectorLimits.size(maxInflated) + " inflate cap (" + coding + ")");
          }
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, maxInflated - total));
        if (n > 0) {
          total += n;
        }
        return n;
      }
    };
  }

  /**
   * One streaming search: the body as sent, the base64 runs in it decoded on the fly, and
   * gzip members inside those runs inflated on the fly, each searched by its own layer.
   */
  private final class Search {
    private final Flow flow;
    private final List<String> notes = new ArrayList<>();
    private final Map<List<String>, Candidate> found = new LinkedHashMap<>();
    /** The limits that kept part of the body unsearched, each named once. */
    private final java.util.Set<String> unread = new java.util.LinkedHashSet<>();
    private final Layer raw = new Layer("");
    private final RunLayer base64 = new RunLayer("base64", BASE64_VALUE, 6, MIN_BASE64_CHARS);
    private final RunLayer hex = new RunLayer("hex", HEX_VALUE, 4, MIN_HEX_CHARS);
    private boolean overflowNoted;
    private long position;
    private final byte[] chunk = new byte[CHUNK];

    Search(Flow flow) {
      this.flow = flow;
    }

    void reset() {
      position = 0;
      raw.restart();
      base64.endRun();
      hex.endRun();
    }

    void run(InputStream in) throws IOException {
      try (in) {
        int n;
        while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
          raw.feed(chunk, n);
          base64.feed(chunk, n);
          hex.feed(chunk, n);
          position += n;
        }
      }
      raw.finish();
      base64.endRun();
      hex.endRun();
    }

    private void record(Needle needle, String layers) {
      String identifier = needle.value().identifier();
      String encoding = layers.isEmpty() ? needle.encoding()
          : needle.encoding().equals("plain") ? layers : needle.encoding() + "+" + layers;
      List<String> key = List.of(identifier, encoding);
      Candidate existing = found.get(key);
      if (existing == null || needle.text().length() > existing.length()) {
        Finding finding = new Finding(flow.index(), flow.time(), flow.method(), flow.host(),
            flow.url(), flow.channel(), identifier, encoding, Location.BODY, "body",
            needle.form(), needle.value().origin(), flow.bytes());
        found.put(key, new Candidate(finding, needle.text().length()));
      }
    }

    void note(String message) {
      notes.add(flow.id() + " (" + flow.method() + " " + flow.url() + "): " + message);
    }

    void unread(String limit) {
      unread.add(limit);
    }

    FlowScan result() {
      List<Finding> findings = new ArrayList<>(found.values().stream().map(Candidate::finding).toList());
      if (!unread.isEmpty()) {
        findings.add(Finding.unread(flow, String.join("; ", unread)));
      }
      return new FlowScan(Collections.unmodifiableList(findings), notes);
    }

    /**
     * The search of one stream of bytes (the body, or what its runs decode to): the
     * automaton state, the window of matches not yet known to be outermost, and the last
     * bytes for the stand-alone check. Fed chunks that start at offset 0 of their array.
     */
    private final class Layer {
      private final String layers;
      /** Matches not yet known to be outermost, oldest first. */
      private final ArrayDeque<Match> pending = new ArrayDeque<>();
      /** Recent accepted or dropped matches a later one may lie inside, oldest first. */
      private final ArrayDeque<Match> recent = new ArrayDeque<>();
      /** The last {@code longest + 1} bytes, for the stand-alone check before a match. */
      private final byte[] history = new byte[Math.max(1, longest + 1)];
      private long position;
      private int state;
      private byte[] chunk;
      private int chunkLength;
      private long chunkStart;
      private final AhoCorasick.StreamSink sink = this::onMatch;

      Layer(String layers) {
        this.layers = layers;
      }

      void feed(byte[] bytes, int n) {
        chunk = bytes;
        chunkStart = position;
        chunkLength = n;
        state = automaton.feed(state, bytes, 0, n, position, sink);
        position += n;
        for (int i = Math.max(0, n - history.length); i < n; i++) {
          history[(int) ((chunkStart + i) % history.length)] = bytes[i];
        }
        settle(position - longest);
      }

      /** Decides every match left; what comes next is a new, unrelated stream. */
      void finish() {
        settle(Long.MAX_VALUE);
        chunkLength = 0;
      }

      /** Ends this stream and starts a new one: no match spans the two. */
      void restart() {
        finish();
        pending.clear();
        recent.clear();
        java.util.Arrays.fill(history, (byte) 0);
        position += history.length;
        state = automaton.start();
      }

      private void onMatch(int id, long end) {
        Needle needle = needles.get(id);
        // a digest's bytes decoded from hex are its hex text, found (and named) as such already
        if (needle.encoding().endsWith("-bytes") && layers.regionMatches(true, 0, "hex", 0, 3)) {
          return;
        }
        long start = end - needle.text().length();
        if (needle.mustStandAlone() && !before(needle, start)) {
          return;
        }
        if (pending.size() >= MAX_PENDING_MATCHES) {
          if (!overflowNoted) {
            overflowNoted = true;
            note("more than " + MAX_PENDING_MATCHES + " matches close together; some were not reported");
            unread("body: matches past the " + MAX_PENDING_MATCHES + " held at once");
          }
          return;
        }
        pending.add(new Match(id, start, end, needle.mustStandAlone()));
      }

      /** Whether the byte before {@code start} does not continue the needle's token (see {@link Needle#standsAlone}). */
      private boolean before(Needle needle, long start) {
        long at = start - 1;
        if (at < 0 || !needle.border().isPart(needle.text().charAt(0))) {
          return true;
        }
        int b = at >= chunkStart ? chunk[(int) (at - chunkStart)] & 0xff
            : history[(int) (at % history.length)] & 0xff;
        return !needle.border().isPart((char) b);
      }

      /**
       * Decides the matches that start before {@code horizon}: no later match can contain
       * them, and the byte after them has been read.
       */
      private void settle(long horizon) {
        boolean last = horizon == Long.MAX_VALUE;
        while (!pending.isEmpty()) {
          Match m = pending.peekFirst();
          if (!last && (m.start() > horizon || m.end() >= position)) {
            break;
          }
          pending.pollFirst();
          if (m.standAlone() && m.end() < position && !after(needles.get(m.needle()), m.end())) {
            continue;
          }
          if (!inside(m)) {
            record(needles.get(m.needle()), layers);
          }
          recent.add(m);
        }
        while (!recent.isEmpty() && recent.peekFirst().end() < horizon - longest) {
          recent.pollFirst();
        }
      }

      private boolean after(Needle needle, long end) {
        if (!needle.border().isPart(needle.text().charAt(needle.text().length() - 1))) {
          return true;
        }
        int b = end >= chunkStart && end < chunkStart + chunkLength
            ? chunk[(int) (end - chunkStart)] & 0xff
            : history[(int) (end % history.length)] & 0xff;
        return !needle.border().isPart((char) b);
      }

      /** A match inside a longer one is the same occurrence written another way. */
      private boolean inside(Match m) {
        return containedIn(m, recent) || containedIn(m, pending);
      }

      private boolean containedIn(Match m, ArrayDeque<Match> matches) {
        for (Match o : matches) {
          if (o != m && o.start() <= m.start() && m.end() <= o.end()
              && (o.start() != m.start() || o.end() != m.end())) {
            return true;
          }
        }
        return false;
      }
    }

    /**
     * Runs of one encoding (base64 in either alphabet, or hex) decoded as they stream past,
     * as the detector decodes runs of 16 base64 or 32 hex characters or more, each run
     * searched as its own stream; a run that decodes to gzip is inflated on the fly too.
     */
    private final class RunLayer {
      private final int[] values;
      private final int bits;
      private final int minChars;
      private final Layer decoded;
      private final Layer inflated;
      private final byte[] out = new byte[CHUNK];
      private int outLength;
      private final byte[] head = new byte[32];
      private int headLength;
      private boolean confirmed;
      private long runChars;
      private int buffer;
      private int bufferBits;
      private GzipMember gzip;

      RunLayer(String name, int[] values, int bits, int minChars) {
        this.values = values;
        this.bits = bits;
        this.minChars = minChars;
        this.decoded = new Layer(name);
        this.inflated = new Layer("gzip+" + name);
      }

      void feed(byte[] bytes, int n) {
        int[] table = values;
        for (int i = 0; i < n; i++) {
          int v = table[bytes[i] & 0xff];
          if (v < 0) {
            if (runChars > 0) {
              endRun();
            }
            continue;
          }
          runChars++;
          buffer = (buffer << bits) | v;
          bufferBits += bits;
          if (bufferBits >= 8) {
            bufferBits -= 8;
            emit(buffer >> bufferBits);
          }
          if (!confirmed && runChars == minChars) {
            confirm();
          }
        }
        flush();
      }

      private void emit(int b) {
        if (!confirmed) {
          head[headLength++] = (byte) b;
          return;
        }
        out[outLength++] = (byte) b;
        if (outLength == out.length) {
          flush();
        }
      }

      /** The run is long enough to be decoded: search it from its start. */
      private void confirm() {
        confirmed = true;
        if (headLength >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
          gzip = new GzipMember(maxMemberOutput);
        }
        System.arraycopy(head, 0, out, 0, headLength);
        outLength = headLength;
      }

      private void flush() {
        if (outLength > 0) {
          decoded.feed(out, outLength);
          if (gzip != null && !gzip.inflate(out, outLength, inflated)) {
            if (gzip.capped()) {
              unread("gzip in a " + decoded.layers + " run past the " + DetectorLimits.size(maxMemberOutput) + " inflate cap");
            }
            gzip.close();
            gzip = null;
          }
          outLength = 0;
        }
      }

      /** The run ended: the leftover bits are dropped (as the detector drops an odd digit), its streams end. */
      void endRun() {
        flush();
        if (confirmed) {
          decoded.restart();
          inflated.restart();
        }
        if (gzip != null) {
          gzip.close();
          gzip = null;
        }
        runChars = 0;
        buffer = 0;
        bufferBits = 0;
        headLength = 0;
        confirmed = false;
      }
    }
  }

  /** Shorter runs are mostly words and identifiers that merely look encoded (as in the detector). */
  private static final int MIN_BASE64_CHARS = 16;
  private static final int MIN_HEX_CHARS = 32;
  private static final int[] BASE64_VALUE = new int[256];
  private static final int[] HEX_VALUE = new int[256];

  static {
    java.util.Arrays.fill(HEX_VALUE, -1);
    for (int i = 0; i < 16; i++) {
      HEX_VALUE["0123456789abcdef".charAt(i)] = i;
      HEX_VALUE["0123456789ABCDEF".charAt(i)] = i;
    }
    java.util.Arrays.fill(BASE64_VALUE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64_VALUE[alphabet.charAt(i)] = i;
    }
    BASE64_VALUE['+'] = 62;
    BASE64_VALUE['-'] = 62;
    BASE64_VALUE['/'] = 63;
    BASE64_VALUE['_'] = 63;
  }

  /** One gzip member inflated as its bytes arrive: header skipped, then raw deflate, capped. */
  private static final class GzipMember {
    private final long maxOutput;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private final java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
    private final byte[] output = new byte[CHUNK];
    /** Header bytes still to skip in the current field; the fixed part is 10 bytes. */
    private int fixedLeft = 10;
    private int flags;
    private int extraLengthBytes;
    private int extraLeft;
    private int crcLeft = 2;
    private long produced;

    GzipMember(long maxOutput) {
      this.maxOutput = maxOutput;
    }

    /** True when it stopped at its cap with more left to inflate. */
    boolean capped() {
      return produced >= maxOutput && !inflater.finished();
    }

    /** Feeds decoded bytes; inflated output goes to {@code into}. False when it cannot go on. */
    boolean inflate(byte[] bytes, int n, Search.Layer into) {
      int i = 0;
      while (i < n && inHeader()) {
        if (!headerByte(bytes[i++] & 0xff)) {
          return false;
        }
      }
      if (i >= n || inflater.finished()) {
        return true;
      }
      inflater.setInput(bytes, i, n - i);
      try {
        while (!inflater.finished() && produced < maxOutput) {
          int got = inflater.inflate(output, 0, (int) Math.min(output.length, maxOutput - produced));
          if (got == 0) {
            break;
          }
          produced += got;
          into.feed(output, got);
        }
      } catch (java.util.zip.DataFormatException e) {
        return false;
      }
      return produced < maxOutput;
    }

    private boolean inHeader() {
      return fixedLeft > 0 || (flags & (FEXTRA | FNAME | FCOMMENT | FHCRC)) != 0;
    }

    /** Takes one header byte (RFC 1952: fixed part, then the optional fields in order). */
    private boolean headerByte(int b) {
      if (fixedLeft > 0) {
        if (--fixedLeft == 6) {
          flags = b;
          return (b & 0xe0) == 0;
        }
        return true;
      }
      if ((flags & FEXTRA) != 0) {
        if (extraLengthBytes < 2) {
          extraLeft |= b << (8 * extraLengthBytes++);
        } else {
          extraLeft--;
        }
        if (extraLengthBytes == 2 && extraLeft == 0) {
          flags &= ~FEXTRA;
        }
      } else if ((flags & FNAME) != 0) {
        if (b == 0) {
          flags &= ~FNAME;
        }
      } else if ((flags & FCOMMENT) != 0) {
        if (b == 0) {
          flags &= ~FCOMMENT;
        }
      } else if (--crcLeft == 0) {
        flags &= ~FHCRC;
      }
      return true;
    }

    void close() {
      inflater.end();
    }
  }

  private record Match(int needle, long start, long end, boolean standAlone) {}

  private record Candidate(Finding finding, int length) {}
}
