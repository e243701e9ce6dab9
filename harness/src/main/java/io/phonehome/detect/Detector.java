package io.phonehome.detect;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the values of an {@link IdentitySet} in flows: in the URL (host, path, each
 * query parameter, raw and url-decoded), in request headers (not Host), in cookies (by
 * name) and in the body (after undoing its Content-Encoding; a form body field by
 * field), written plain, url-encoded, base64, base64url, hex, HEX, or as an md5, sha1 or
 * sha256 hex digest (and more: base32, rot13, html and JSON escapes, sha512), of any
 * written form of the value (see {@code Forms}). Runs of base64 of 16 characters or
 * more, and of hex of 32 or more, are decoded once each and searched, and decompressed
 * when they hold gzip or zlib data, so {@code gzip+base64} and {@code gzip+hex} chains
 * are found. Encodings are named as the firmware profile's transforms, chained outermost
 * last: an upper-case md5 of the upper-cased value is {@code upper+md5+upper}.
 *
 * <p>A flow whose content its channel hides (tls-refused, quic) yields one finding with
 * identifier {@code unknown}, encoding {@code opaque} and location {@code none}.
 *
 * <pre>{@code
 * Detector detector = new Detector(identity);
 * FlowScan scan = detector.scan(flow);
 * }</pre>
 */
public final class Detector {
  private static final int MAX_RUNS_PER_PART = 256;
  private static final int MAX_MATCHES_PER_PART = 10_000;
  private static final int MAX_EMBEDDED_GZIP = 16;
  private static final String GZIP_MAGIC = new String(new char[] {0x1f, 0x8b, 0x08});

  private final List<Needle> needles;
  private final AhoCorasick automaton;
  private final DetectorLimits limits;

  public Detector(IdentitySet identity) {
    this(identity, DetectorLimits.DEFAULT);
  }

  public Detector(IdentitySet identity, DetectorLimits limits) {
    this.needles = Needles.of(Objects.requireNonNull(identity, "identity"));
    this.automaton = new AhoCorasick(needles.stream().map(Needle::text).toList());
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Scans one flow; never throws on malformed content, which becomes a note instead. */
  public FlowScan scan(Flow flow) {
    if (flow.channel() == Channel.TLS_REFUSED || flow.channel() == Channel.QUIC) {
      return new FlowScan(List.of(Finding.hidden(flow)), List.of());
    }
    FlowScan scan = new Scan(flow).run();
    if (flow.bytes().isEmpty()) {
      return scan;
    }
    return new FlowScan(scan.findings().stream().map(f -> f.withBytes(flow.bytes())).toList(), scan.notes());
  }

  /** The search of one flow, with its own budget and findings. */
  private final class Scan {
    private final Flow flow;
    private final List<String> notes = new ArrayList<>();
    private final Map<List<String>, Candidate> found = new LinkedHashMap<>();
    private long bytesSearched;
    private int partsSearched;
    private boolean budgetSpent;
    private boolean contentEncodingFailed;

    private Scan(Flow flow) {
      this.flow = flow;
    }

    FlowScan run() {
      if (!needles.isEmpty()) {
        FlowParts parts = new FlowParts(flow, limits);
        parts.notes().forEach(this::note);
        contentEncodingFailed = parts.bodyUndecodable();
        for (Haystack root : parts.roots()) {
          search(root, Set.of());
        }
      }
      return new FlowScan(found.values().stream().map(Candidate::finding).toList(), notes);
    }

    private void search(Haystack haystack, Set<Integer> parentHits) {
      if (!spend(haystack.text().length())) {
        return;
      }
      List<Match> matches = new ArrayList<>();
      Set<Integer> hits = new HashSet<>();
      String text = haystack.text();
      automaton.search(text, (id, end) -> {
        int start = end - needles.get(id).text().length();
        if (needles.get(id).mustStandAlone() && !standsAlone(text, start, end)) {
          return;
        }
        if (hits.add(id) || matches.size() < MAX_MATCHES_PER_PART) {
          matches.add(new Match(id, start, end));
        }
      });
      List<Match> kept = outermost(matches);
      for (Match match : kept) {
        // a needle the parent held already is the same occurrence, left intact by the
        // decoding; reporting it again would add the decoding to its chain wrongly
        if (!parentHits.contains(match.needle())) {
          record(needles.get(match.needle()), haystack);
        }
      }
      forEachChild(haystack, kept, child -> search(child, hits));
    }

    /**
     * Decodes the haystack's children one at a time, so that at most one decoded child
     * per level is held in memory and each decompression is capped by what the flow's
     * budget has left.
     */
    private void forEachChild(Haystack h, List<Match> found, Consumer<Haystack> visit) {
      String text = h.text();
      boolean mayInflate = !h.layers().contains("gzip") && !h.layers().contains("deflate")
          && !(contentEncodingFailed && h.location() == Location.BODY && h.layers().isEmpty());
      if (mayInflate && Decoding.looksGzip(text)) {
        inflate(h, "gzip", 0).ifPresent(visit);
      } else if (mayInflate && (!h.layers().isEmpty() || h.location() == Location.BODY)
          && Decoding.looksZlib(text)) {
        inflate(h, "deflate", 0).ifPresent(visit);
      }
      if (mayInflate) {
        // gzip members inside multipart or protobuf bodies
        int from = 1;
        for (int i = 0; i < MAX_EMBEDDED_GZIP && (from = text.indexOf(GZIP_MAGIC, from)) > 0; i++, from++) {
          inflate(h, "gzip", from).ifPresent(visit);
        }
      }
      if (h.urlEncoded()) {
        String decoded = Decoding.urlDecode(text);
        if (!decoded.equals(text)) {
          visit.accept(h.decoded("url", decoded));
        }
      }
      if (!h.layers().contains("base64")) {
        for (Decoding.Run run : Decoding.base64Runs(text, MAX_RUNS_PER_PART)) {
          if (!explained(run, found)) {
            visit.accept(h.decoded("base64", Bytes.latin1(run.bytes())));
          }
        }
      }
      if (!h.layers().contains("hex")) {
        for (Decoding.Run run : Decoding.hexRuns(text, MAX_RUNS_PER_PART)) {
          if (!explained(run, found)) {
            visit.accept(h.decoded("hex", Bytes.latin1(run.bytes())));
          }
        }
      }
    }

    /**
     * Whether a match already covers the run: the HEX of a MAC is a hex run too, and
     * decoding it would report the same occurrence again as plain under hex.
     */
    private boolean explained(Decoding.Run run, List<Match> found) {
      for (Match m : found) {
        if (m.start() <= run.start() && run.end() <= m.end()) {
          return true;
        }
      }
      return false;
    }

    private Optional<Haystack> inflate(Haystack h, String coding, int offset) {
      long left = limits.maxBytesPerFlow() - bytesSearched;
      if (budgetSpent || left <= 0) {
        return Optional.empty();
      }
      int cap = (int) Math.min(limits.maxInflatedBytes(), left);
      byte[] bytes = Bytes.ofLatin1(offset == 0 ? h.text() : h.text().substring(offset));
      try {
        Decoding.Inflated inflated = coding.equals("gzip")
            ? Decoding.gunzip(bytes, cap)
            : Decoding.inflate(bytes, cap);
        if (inflated.truncated()) {
          noteTruncated(describe(h) + " (" + coding + ")", cap);
        }
        return Optional.of(h.decoded(coding, Bytes.latin1(inflated.bytes())));
      } catch (IOException | RuntimeException e) {
        if (h.layers().isEmpty() && offset == 0) {
          note(describe(h) + " looks like " + coding
              + " but does not decode (" + e.getMessage() + "); searched it as sent");
        }
        return Optional.empty();
      }
    }

    private boolean spend(int bytes) {
      if (budgetSpent) {
        return false;
      }
      if (bytesSearched + bytes > limits.maxBytesPerFlow() || partsSearched >= limits.maxPartsPerFlow()) {
        budgetSpent = true;
        note("stopped after searching " + bytesSearched + " bytes in " + partsSearched
            + " parts (the per-flow limit); the rest of this flow is unsearched");
        return false;
      }
      bytesSearched += bytes;
      partsSearched++;
      return true;
    }

    private void record(Needle needle, Haystack haystack) {
      List<String> chain = new ArrayList<>();
      if (!needle.encoding().equals("plain")) {
        chain.add(needle.encoding());
      }
      chain.addAll(haystack.layers());
      String encoding = chain.isEmpty() ? "plain" : String.join("+", chain);
      String identifier = needle.value().identifier();
      List<String> key = List.of(identifier, encoding, haystack.location().wireName(), haystack.detail());
      Candidate existing = found.get(key);
      // one occurrence matches several forms (E.164 holds the digits-only form): keep the longest
      if (existing == null || needle.text().length() > existing.length()) {
        Finding finding = new Finding(flow.index(), flow.time(), flow.method(), flow.host(),
            flow.url(), flow.channel(), identifier, encoding, haystack.location(), haystack.detail(),
            needle.form(), needle.value().origin());
        found.put(key, new Candidate(finding, needle.text().length()));
      }
    }

    private String describe(Haystack h) {
      String where = h.location().wireName();
      return h.detail().equals(where) ? where : where + " " + h.detail();
    }

    private void noteTruncated(String what, int cap) {
      note(FlowParts.truncated(what, cap));
    }

    private void note(String message) {
      notes.add("flow " + flow.index() + " (" + flow.method() + " " + flow.url() + "): " + message);
    }
  }

  private static boolean standsAlone(String text, int start, int end) {
    return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
  }

  /**
   * The matches not lying inside a longer one: a phone number's digits-only form inside
   * its E.164 form, or inside its url-encoded form, is the same occurrence.
   */
  static List<Match> outermost(List<Match> matches) {
    List<Match> sorted = new ArrayList<>(matches);
    sorted.sort(Comparator.comparingInt(Match::start).thenComparing(Match::end, Comparator.reverseOrder()));
    List<Match> kept = new ArrayList<>();
    int maxEnd = -1;
    Match last = null;
    for (Match m : sorted) {
      boolean sameSpanAsLast = last != null && last.start() == m.start() && last.end() == m.end();
      if (m.end() > maxEnd || sameSpanAsLast) {
        kept.add(m);
        last = m;
        maxEnd = Math.max(maxEnd, m.end());
      }
    }
    return kept;
  }

  record Match(int needle, int start, int end) {}

  private record Candidate(Finding finding, int length) {}
}
