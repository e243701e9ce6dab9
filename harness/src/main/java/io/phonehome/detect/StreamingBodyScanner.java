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
 * <p>What the in-memory detector does beyond that is skipped for such a body, and each
 * scan says so in a note: base64 and hex runs are not decoded and searched again, form
 * fields are not url-decoded one by one, and gzip members embedded in the body are not
 * inflated. Findings carry location {@code body}, detail {@code body}.
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
  private static final int MAX_PENDING_MATCHES = 100_000;

  private final List<Needle> needles;
  private final AhoCorasick automaton;
  private final int longest;

  /** Opens the body's bytes as sent, before any Content-Encoding is undone; may be called twice. */
  @FunctionalInterface
  public interface BodySource {
    InputStream open() throws IOException;
  }

  public StreamingBodyScanner(IdentitySet identity) {
    this.needles = Needles.of(Objects.requireNonNull(identity, "identity"));
    this.automaton = new AhoCorasick(needles.stream().map(Needle::text).toList());
    this.longest = needles.stream().mapToInt(n -> n.text().length()).max().orElse(0);
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
    return s.patterns() + " patterns, " + s.states() + " states, " + s.classes() + " byte classes, "
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
    String skipped = "base64 and hex runs, form fields and embedded gzip are not decoded in it";
    if (coding.isEmpty() || coding.equals("identity")) {
      search.run(body.open());
      search.note("body of " + size + " bytes searched streaming; " + skipped);
      return search.result();
    }
    try (InputStream decoded = decode(coding, body.open())) {
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

  private static InputStream decode(String coding, InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw, CHUNK);
    return switch (coding) {
      case "gzip", "x-gzip" -> capped(new GZIPInputStream(in, CHUNK));
      case "deflate" -> capped(new InflaterInputStream(in, new Inflater(looksRawDeflate(in)), CHUNK));
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

  private static InputStream capped(InputStream in) {
    return new java.io.FilterInputStream(in) {
      private long total;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (total >= MAX_INFLATED) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, MAX_INFLATED - total));
        if (n > 0) {
          total += n;
        }
        return n;
      }
    };
  }

  /** One streaming search: the automaton state, the window of recent matches and the findings. */
  private final class Search {
    private final Flow flow;
    private final List<String> notes = new ArrayList<>();
    private final Map<List<String>, Candidate> found = new LinkedHashMap<>();
    /** Matches not yet known to be outermost, oldest first. */
    private final ArrayDeque<Match> pending = new ArrayDeque<>();
    /** Recent accepted or dropped matches a later one may lie inside, oldest first. */
    private final ArrayDeque<Match> recent = new ArrayDeque<>();
    /** The last {@code longest + 1} bytes, for the stand-alone check before a match. */
    private final byte[] history;
    private long position;
    private int state;
    private boolean overflowNoted;
    private byte[] chunk = new byte[CHUNK];
    private int chunkLength;
    private long chunkStart;

    Search(Flow flow) {
      this.flow = flow;
      this.history = new byte[Math.max(1, longest + 1)];
    }

    void reset() {
      position = 0;
      state = automaton.start();
      pending.clear();
      recent.clear();
    }

    void run(InputStream in) throws IOException {
      try (in) {
        int n;
        while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
          chunkStart = position;
          chunkLength = n;
          state = automaton.feed(state, chunk, 0, n, position, this::onMatch);
          position += n;
          for (int i = Math.max(0, n - history.length); i < n; i++) {
            history[(int) ((chunkStart + i) % history.length)] = chunk[i];
          }
          settle(position - longest);
        }
      }
      settle(Long.MAX_VALUE);
    }

    private void onMatch(int id, long end) {
      Needle needle = needles.get(id);
      long start = end - needle.text().length();
      if (needle.mustStandAlone() && !before(start)) {
        return;
      }
      if (pending.size() >= MAX_PENDING_MATCHES) {
        if (!overflowNoted) {
          overflowNoted = true;
          note("more than " + MAX_PENDING_MATCHES + " matches close together; some were not reported");
        }
        return;
      }
      pending.add(new Match(id, start, end, needle.mustStandAlone()));
    }

    /** Whether the byte before {@code start} is no letter or digit. */
    private boolean before(long start) {
      if (start <= 0) {
        return true;
      }
      long at = start - 1;
      int b = at >= chunkStart ? chunk[(int) (at - chunkStart)] & 0xff
          : history[(int) (at % history.length)] & 0xff;
      return !Character.isLetterOrDigit((char) b);
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
        if (m.standAlone() && m.end() < position && !after(m.end())) {
          continue;
        }
        if (!inside(m)) {
          record(needles.get(m.needle()));
        }
        recent.add(m);
      }
      while (!recent.isEmpty() && recent.peekFirst().end() < horizon - longest) {
        recent.pollFirst();
      }
    }

    private boolean after(long end) {
      int b = end >= chunkStart && end < chunkStart + chunkLength
          ? chunk[(int) (end - chunkStart)] & 0xff
          : history[(int) (end % history.length)] & 0xff;
      return !Character.isLetterOrDigit((char) b);
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

    private void record(Needle needle) {
      String identifier = needle.value().identifier();
      String encoding = needle.encoding();
      List<String> key = List.of(identifier, encoding);
      Candidate existing = found.get(key);
      if (existing == null || needle.text().length() > existing.length()) {
        Finding finding = new Finding(flow.index(), flow.time(), flow.method(), flow.host(),
            flow.url(), flow.channel(), identifier, encoding, Location.BODY, "body",
            needle.form(), needle.value().origin());
        found.put(key, new Candidate(finding, needle.text().length()));
      }
    }

    void note(String message) {
      notes.add("flow " + flow.index() + " (" + flow.method() + " " + flow.url() + "): " + message);
    }

    FlowScan result() {
      return new FlowScan(Collections.unmodifiableList(
          found.values().stream().map(Candidate::finding).toList()), notes);
    }
  }

  private record Match(int needle, long start, long end, boolean standAlone) {}

  private record Candidate(Finding finding, int length) {}
}
