package io.phonehome.detect;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the values of an {@link IdentitySet} in flows, written in any of their common forms
 * and under chains of up to three transforms, wherever in the request they hide.
 *
 * <p><b>Forms.</b> Each value as given, upper and lower case; phone numbers as E.164,
 * digits only, national and subscriber number; MAC addresses with colons, dashes or no
 * separator, in both cases.
 *
 * <p><b>Transforms, forwards.</b> Every form is encoded ahead of time into needles that one
 * Aho-Corasick pass finds: plain, url, base64 and base64url (padded, unpadded, and the
 * middles that stay the same whatever offset the value has inside a longer blob), base32,
 * base58, hex, HEX, rot13, html and JSON escapes, crc32, murmur3, md5/sha1/sha256/sha512 (hex in
 * both cases, base64 of the hex, the raw digest bytes and their base64), digests of the
 * form's base64/hex/HEX and digests of digests.
 *
 * <p><b>Transforms, backwards.</b> What the traffic holds is decoded and searched again, up
 * to three decodings deep: url escapes, html character references (decimal, hex, basic
 * named), JSON string escapes, runs of base64/base64url, base32 and hex, gzip,
 * deflate (zlib or raw) and brotli (tried only where nothing else explains binary bytes,
 * brotli having no magic number). So {@code {contacts|gzip|base64}} is found as
 * {@code gzip+base64} and {@code {imei|md5|base64}} as {@code md5+base64}.
 *
 * <p><b>Places.</b> The URL's host, path and each query parameter; each request header
 * but Host; each cookie; the body under any chain of Content-Encodings (gzip, deflate,
 * br), a form body field by field, a multipart body part by part ({@code part <name>}), a
 * gRPC body message by message ({@code grpc message <n>}),
 * a JSON body by path ({@code json $.device.imei}), a protobuf body by field number
 * ({@code protobuf field 1.3}, its varint and fixed-width numbers compared with numeric
 * identifiers: encoding {@code varint}), anything else as text. A finding's
 * {@link Finding#detail()} names the place.
 *
 * <p><b>Not the value.</b> A number runs into no more digits, a hex digest into no more
 * hex, a short checksum into no letter or digit: an IMEI with a digit more, or a
 * different value's digest, is clean. An encoded needle inside a longer encoded run is
 * judged by decoding that run.
 *
 * <p><b>Bounded.</b> {@link DetectorLimits} caps what one decompression produces, the
 * bytes searched and decoded and the parts searched per flow, and the runs decoded per
 * part; hitting a cap leaves a note in the {@link FlowScan}, never an exception, and makes
 * the flow an unverifiable finding ({@link Finding#unread}) naming the cap: what lay past
 * it was never searched, so the flow cannot pass as clean. So does a request body that
 * did not arrive whole ({@link Flow#incomplete()}: an upload still in flight when the
 * window closed, or cut short): the bytes that arrived are searched, the rest was never seen.
 * Chains are named as the firmware profile names transforms, outermost last
 * ({@code upper+md5+upper}); Content-Encoding is transport, not part of the chain.
 *
 * <p>A flow whose content its channel hides (tls-refused, quic) yields one finding with
 * identifier {@code unknown}, encoding {@code opaque} and location {@code none}.
 * docs/detection.md says what is and is not detected.
 *
 * <pre>{@code
 * Detector detector = new Detector(identity);
 * FlowScan scan = detector.scan(flow);
 * }</pre>
 */
public final class Detector {
  /** Decodings undone on top of one another, at most: chains of three transforms. */
  static final int MAX_DEPTH = 3;
  private static final int MAX_MATCHES_PER_PART = 10_000;
  /** Occurrences inside longer runs, each checked against the part's decodings. */
  private static final int MAX_DEFERRED_PER_PART = 256;
  /** Characters decoded on either side of an occurrence read again in its own quantum. */
  private static final int REALIGN_CONTEXT = 32;
  private static final int MAX_EMBEDDED_GZIP = 16;
  /** Limits an unread finding names; the rest are counted. */
  private static final int MAX_UNREAD_NAMED = 5;
  private static final int MAX_BROTLI_TRIES = 16;
  /** Larger binary blobs are tried as brotli only when a Content-Encoding says so. */
  private static final int MAX_BROTLI_GUESS = 1 << 20;
  private static final String GZIP_MAGIC = new String(new char[] {0x1f, 0x8b, 0x08});

  private final List<Needle> needles;
  private final AhoCorasick automaton;
  private final DetectorLimits limits;
  /** Needles that are a number as written (no encoding), by their digits: matched against protobuf numbers. */
  private final Map<String, List<Integer>> numbers = new HashMap<>();

  public Detector(IdentitySet identity) {
    this(identity, DetectorLimits.DEFAULT);
  }

  public Detector(IdentitySet identity, DetectorLimits limits) {
    this.needles = Needles.of(Objects.requireNonNull(identity, "identity"));
    this.automaton = new AhoCorasick(needles.stream().map(Needle::text).toList());
    this.limits = Objects.requireNonNull(limits, "limits");
    for (int i = 0; i < needles.size(); i++) {
      Needle n = needles.get(i);
      boolean asWritten = n.encoding().equals("plain") || n.encoding().equals("digits");
      if (asWritten && n.text().matches("[1-9][0-9]{3,19}")) {
        numbers.computeIfAbsent(n.text(), k -> new ArrayList<>()).add(i);
      }
    }
  }

  /** Scans one flow; never throws on malformed content, which becomes a note instead. */
  public FlowScan scan(Flow flow) {
    return scanCounted(flow).scan();
  }

  /** A scan and the work it took, for tests that bound the work. */
  Counted scanCounted(Flow flow) {
    if (flow.channel() == Channel.TLS_REFUSED || flow.channel() == Channel.QUIC) {
      return new Counted(new FlowScan(List.of(Finding.hidden(flow)), List.of()), new Work(0, 0, 0));
    }
    Scan scan = new Scan(flow);
    FlowScan result = scan.run();
    return new Counted(result, new Work(scan.bytesSearched, scan.bytesDecoded, scan.partsSearched));
  }

  /** The bytes searched and decoded and the parts searched for one flow. */
  record Work(long bytesSearched, long bytesDecoded, int parts) {}

  record Counted(FlowScan scan, Work work) {}

  /** The search of one flow, with its own budget and findings. */
  private final class Scan {
    private final Flow flow;
    private final List<String> notes = new ArrayList<>();
    private final Map<List<String>, Candidate> found = new LinkedHashMap<>();
    /** The limits that kept part of the flow unsearched, each named once. */
    private final Set<String> unread = new LinkedHashSet<>();
    private long bytesSearched;
    private long bytesDecoded;
    private int partsSearched;
    private int brotliTries;
    private boolean budgetSpent;
    private boolean decodeBudgetSpent;
    private boolean contentEncodingFailed;

    private Scan(Flow flow) {
      this.flow = flow;
    }

    FlowScan run() {
      // what never arrived was never read, whatever the identity
      flow.incomplete().ifPresent(unread::add);
      if (!needles.isEmpty()) {
        FlowParts parts = new FlowParts(flow, limits);
        parts.notes().forEach(this::note);
        unread.addAll(parts.unread());
        contentEncodingFailed = parts.bodyUndecodable();
        for (Haystack root : parts.roots()) {
          try {
            search(root, Set.of());
          } catch (RuntimeException e) {
            // a flaw in one decoder must cost a note, never the audit
            note("could not search " + describe(root) + " (" + e + "); the rest of it is unsearched");
            unread.add(describe(root) + " left unsearched by a decoder failure");
          }
        }
      }
      List<Finding> findings = new ArrayList<>(found.values().stream().map(Candidate::finding).toList());
      if (!unread.isEmpty()) {
        findings.add(Finding.unread(flow, describeUnread()));
      }
      return new FlowScan(findings, notes);
    }

    /** The limits hit, the first few by name: a flow of a thousand capped parts stays one line. */
    private String describeUnread() {
      List<String> named = unread.stream().limit(MAX_UNREAD_NAMED).toList();
      String more = unread.size() > named.size() ? "; and " + (unread.size() - named.size()) + " more" : "";
      return String.join("; ", named) + more;
    }

    private void search(Haystack haystack, Set<Integer> parentHits) {
      if (!spend(haystack.text().length())) {
        return;
      }
      String text = haystack.text();
      Structure structure = Structure.of(haystack);
      List<Match> alone = new ArrayList<>();
      List<Match> deferred = new ArrayList<>();
      Set<Integer> hits = new HashSet<>();
      // a digest's bytes decoded from hex are its hex text, which its own border judges
      boolean fromHex = !haystack.layers().isEmpty() && haystack.layers().get(0).equalsIgnoreCase("hex");
      // one copy of the text as bytes, for the automaton and for finding encoded runs
      byte[] latin1 = Bytes.ofLatin1(text);
      automaton.search(text, latin1, (id, end) -> {
        Needle needle = needles.get(id);
        if (fromHex && needle.encoding().endsWith("-bytes")) {
          return;
        }
        int start = end - needle.text().length();
        if (needle.standsAlone(text, start, end) || structure.standsAloneInField(needle, text, start, end)) {
          if (hits.add(id) || alone.size() < MAX_MATCHES_PER_PART) {
            alone.add(new Match(id, start, end));
          }
        } else if (needle.border().decodable() && deferred.size() < MAX_DEFERRED_PER_PART) {
          deferred.add(new Match(id, start, end));
        }
      });
      List<Child> children = haystack.layers().size() < MAX_DEPTH ? children(haystack, latin1, structure) : new ArrayList<>();
      List<Match> kept = new ArrayList<>(alone);
      int decodings = children.size();
      for (Match m : deferred) {
        // inside a longer run the decoded run decides: the IMEI's base64 is a prefix of the
        // base64 of a 16-digit number that starts with it
        if (!coveredByDecoding(m, text, children, decodings)) {
          kept.add(m);
        }
      }
      List<Match> outer = outermost(kept);
      children.removeIf(child -> child.run() && explained(child, outer));
      int[] matchStarts = outer.stream().mapToInt(Match::start).toArray();
      Map<Integer, String> details = outer.isEmpty() ? Map.of() : structure.details(haystack, matchStarts);
      // where each decoded run lies takes a pass over a JSON body: worked out for all of
      // them together, and only once something is found in one
      int[] childStarts = children.stream().mapToInt(Child::start).toArray();
      Supplier<Map<Integer, String>> childDetails = memoized(() -> structure.details(haystack, childStarts));
      for (Match match : outer) {
        // a needle the parent held already is the same occurrence, left intact by the
        // decoding; reporting it again would add the decoding to its chain wrongly
        if (!parentHits.contains(match.needle())) {
          record(needles.get(match.needle()), haystack.layers(), haystack.location(), details.get(match.start()));
        }
      }
      for (Protobuf.Number number : structure.numbers()) {
        for (int id : numbers.getOrDefault(number.decimal(), List.of())) {
          List<String> layers = new ArrayList<>();
          layers.add("varint");
          layers.addAll(haystack.layers());
          String where = Structure.compose(haystack.detail(), "protobuf field " + number.path());
          record(needles.get(id), layers, haystack.location(), where);
        }
      }
      for (Child child : children) {
        Supplier<String> where = child.run() ? () -> childDetails.get().get(child.start()) : haystack::detail;
        child.decode().get().ifPresent(decoded -> {
          if (spendDecoded(decoded.length())) {
            search(haystack.decoded(child.layer(), where, decoded), hits);
          }
        });
      }
    }

    /**
     * The decodings to try on a haystack, cheapest first; runs are decoded already, the
     * rest (decompressions, brotli) only when visited, so at most one is in memory.
     */
    private List<Child> children(Haystack h, byte[] latin1, Structure structure) {
      List<Child> out = new ArrayList<>();
      String text = h.text();
      // nested compression is followed too: the depth and the flow's decoding budget bound it
      boolean mayInflate = !(contentEncodingFailed && h.location() == Location.BODY && h.layers().isEmpty());
      boolean gzip = mayInflate && Decoding.looksGzip(text);
      boolean zlib = !gzip && mayInflate && (!h.layers().isEmpty() || h.location() == Location.BODY)
          && Decoding.looksZlib(text);
      if (gzip) {
        out.add(lazy("gzip", 0, text.length(), () -> inflate(h, "gzip", 0)));
      } else if (zlib) {
        out.add(lazy("deflate", 0, text.length(), () -> inflate(h, "deflate", 0)));
      }
      if (mayInflate) {
        // gzip members inside multipart or protobuf bodies
        int from = 1;
        for (int i = 0; i < MAX_EMBEDDED_GZIP && (from = text.indexOf(GZIP_MAGIC, from)) > 0; i++, from++) {
          int at = from;
          out.add(new Child("gzip", at, text.length(), true, () -> inflate(h, "gzip", at)));
        }
      }
      if (mayInflate && !gzip && !zlib && mayBeBrotli(h, structure)) {
        out.add(lazy("br", 0, text.length(), () -> unbrotli(h)));
      }
      if (structure.isProtobuf()) {
        // lengths frame the fields: a decoding of the whole message would break them
        protobufFields(h, structure, mayInflate, out);
        return out;
      }
      int maxRuns = limits.maxRunsPerPart();
      if (h.urlEncoded()) {
        out.add(lazy("url", 0, text.length(), () -> changed(text, Decoding.urlDecode(text, true))));
      }
      for (Decoding.Escape kind : Decoding.Escape.values()) {
        if (kind == Decoding.Escape.URL && h.urlEncoded()) {
          continue;
        }
        String layer = kind.name().toLowerCase(java.util.Locale.ROOT);
        List<Decoding.Region> regions = Decoding.escapedRegions(text, kind, maxRuns);
        for (Decoding.Region r : regions) {
          String token = text.substring(r.start(), r.end());
          out.add(new Child(layer, r.start(), r.end(), true, () -> changed(token, kind.undo(token))));
        }
        if (regions.size() >= maxRuns) {
          unread.add(describe(h) + ": " + layer + " escapes past the per-part cap of " + maxRuns);
        }
      }
      Decoding.RunIndex runs = new Decoding.RunIndex(text, latin1);
      List<Decoding.Run> base64 = Decoding.base64Runs(runs, maxRuns);
      List<Decoding.Run> base32 = Decoding.base32Runs(runs, maxRuns);
      List<Decoding.Run> hex = Decoding.hexRuns(runs, maxRuns);
      base64.forEach(run -> out.add(run(base64Layer(text, run.start(), run.end()), run)));
      base32.forEach(run -> out.add(run("base32", run)));
      hex.forEach(run -> out.add(run(hexLayer(text, run.start(), run.end()), run)));
      if (base64.size() >= maxRuns || base32.size() >= maxRuns || hex.size() >= maxRuns) {
        note("decoded only the first " + maxRuns + " encoded runs of each kind in " + describe(h)
            + " (the per-part limit)");
        unread.add(describe(h) + ": encoded runs past the per-part cap of " + maxRuns);
      }
      return out;
    }

    /**
     * Each protobuf bytes field on its own: compressed data inside it starts at the field,
     * not at the body, and an encoded run inside it must not be read from the length byte
     * before it, which may happen to look like part of the run.
     */
    private void protobufFields(Haystack h, Structure structure, boolean mayInflate, List<Child> out) {
      String text = h.text();
      int first = out.size();
      List<Protobuf.Span> leavesFirst = new ArrayList<>();
      structure.spans().stream().filter(s -> !s.nested()).forEach(leavesFirst::add);
      // compressed bytes sometimes parse as a message by chance: they get what tries are left
      structure.spans().stream().filter(Protobuf.Span::nested).forEach(leavesFirst::add);
      for (Protobuf.Span span : leavesFirst) {
        if (out.size() - first >= limits.maxRunsPerPart()) {
          note("decoded only the first " + limits.maxRunsPerPart() + " encoded fields of " + describe(h)
              + " (the per-part limit)");
          unread.add(describe(h) + ": encoded fields past the per-part cap of " + limits.maxRunsPerPart());
          break;
        }
        if (span.end() - span.start() < 4) {
          continue;
        }
        String field = text.substring(span.start(), span.end());
        int at = span.start();
        boolean printable = Protobuf.printable(field, 0, field.length());
        // text inside a binary field (an uncompressed brotli block, a custom framing) is
        // still text: its runs and escapes are decoded as in a string field
        if (!span.nested()) {
          if (Decoding.hasUrlEscape(field)) {
            out.add(new Child("url", at, span.end(), true, () -> changed(field, Decoding.urlDecode(field, false))));
          }
          if (Decoding.hasHtmlReference(field)) {
            out.add(new Child("html", at, span.end(), true, () -> changed(field, Decoding.htmlUnescape(field))));
          }
          if (Decoding.hasJsonEscape(field)) {
            out.add(new Child("json", at, span.end(), true, () -> changed(field, Decoding.jsonUnescape(field))));
          }
          Decoding.RunIndex runs = new Decoding.RunIndex(field);
          for (Decoding.Run run : Decoding.base64Runs(runs, limits.maxRunsPerPart())) {
            out.add(run(base64Layer(field, run.start(), run.end()), shift(run, at)));
          }
          for (Decoding.Run run : Decoding.base32Runs(runs, limits.maxRunsPerPart())) {
            out.add(run("base32", shift(run, at)));
          }
          for (Decoding.Run run : Decoding.hexRuns(runs, limits.maxRunsPerPart())) {
            out.add(run(hexLayer(field, run.start(), run.end()), shift(run, at)));
          }
        }
        if (printable) {
          continue;
        }
        if (mayInflate && Decoding.looksGzip(field)) {
          out.add(new Child("gzip", at, span.end(), true, () -> inflateField(h, "gzip", field)));
        } else if (mayInflate && Decoding.looksZlib(field)) {
          out.add(new Child("deflate", at, span.end(), true, () -> inflateField(h, "deflate", field)));
        } else if (mayInflate && brotliTries < MAX_BROTLI_TRIES && field.length() <= MAX_BROTLI_GUESS
            && BrotliGuess.plausible(field)) {
          out.add(new Child("br", at, span.end(), true, () -> unbrotli(h, field)));
        }
      }
    }

    private Decoding.Run shift(Decoding.Run run, int by) {
      return new Decoding.Run(run.start() + by, run.end() + by, run.bytes());
    }

    private Optional<String> inflateField(Haystack h, String coding, String field) {
      return inflate(h, coding, field, false);
    }

    /**
     * Brotli has no magic number: it is tried on binary bytes that are no other known
     * format, where they came out of a text decoding or make up a body, a few times a flow.
     */
    private boolean mayBeBrotli(Haystack h, Structure structure) {
      if (brotliTries >= MAX_BROTLI_TRIES || h.text().length() < 2 || h.text().length() > MAX_BROTLI_GUESS
          || !Protobuf.looksBinary(h.text()) || !BrotliGuess.plausible(h.text())) {
        return false;
      }
      return !h.layers().isEmpty() || h.location() == Location.BODY;
    }

    private Optional<String> unbrotli(Haystack h) {
      return unbrotli(h, h.text());
    }

    private Optional<String> unbrotli(Haystack h, String bytes) {
      if (brotliTries >= MAX_BROTLI_TRIES) {
        return Optional.empty();
      }
      brotliTries++;
      int cap = decodeCap();
      if (cap <= 0) {
        return Optional.empty();
      }
      try {
        Decoding.Inflated out = Decoding.unbrotli(Bytes.ofLatin1(bytes), cap);
        if (out.truncated()) {
          noteTruncated(describe(h) + " (br)", cap);
          unread.add(pastCap(describe(h), "br", cap));
        }
        return out.bytes().length == 0 ? Optional.empty() : Optional.of(Bytes.latin1(out.bytes()));
      } catch (IOException | RuntimeException notBrotli) {
        return Optional.empty();
      }
    }

    /**
     * Whether a decoding of the haystack covers the match, so that the decoded text will
     * judge it. A base64, base32 or hex run that starts out of step with the match's
     * quantum is also decoded in step with it, a few characters either side of it, so that
     * a value glued to a word is not lost and the characters around it still border it.
     */
    private boolean coveredByDecoding(Match m, String text, List<Child> children, int decodings) {
      Needle needle = needles.get(m.needle());
      String family = needle.encoding().endsWith("+url") ? "url" : switch (needle.border()) {
        case BASE64 -> "base64";
        case BASE32 -> "base32";
        case HEX_DATA -> "hex";
        case HTML -> "html";
        case JSON -> "json";
        default -> "";
      };
      boolean block = family.equals("base64") || family.equals("base32") || family.equals("hex");
      int quantum = family.equals("base64") ? 4 : family.equals("base32") ? 8 : 2;
      int[] quantumStarts = family.equals("base64") ? new int[] {m.start(), m.start() - 2, m.start() - 3}
          : new int[] {m.start()};
      List<Child> realigned = new ArrayList<>();
      boolean covered = false;
      // only the haystack's own decodings: a realigned one starts at a match, and read from
      // there again it would lose the characters that border the value
      for (Child c : children.subList(0, decodings)) {
        boolean sameFamily = c.layer().toLowerCase(java.util.Locale.ROOT).startsWith(family);
        if (!sameFamily || c.start() > m.start() || c.end() < m.end()) {
          continue;
        }
        covered = true;
        if (!c.run() || !block) {
          continue;
        }
        for (int q : quantumStarts) {
          // a window around the match is enough to judge it, and keeps this linear
          int lowest = Math.max(c.start(), m.start() - REALIGN_CONTEXT);
          int from = lowest + Math.floorMod(q - lowest, quantum);
          int to = Math.min(c.end(), m.end() + REALIGN_CONTEXT);
          boolean inStep = (from - c.start()) % quantum == 0;
          if (inStep || from > m.start() || decodedFrom(children, realigned, from, to)) {
            continue;
          }
          String sub = text.substring(from, to);
          Optional<byte[]> bytes = family.equals("base64") ? Decoding.decodeBase64(sub)
              : family.equals("base32") ? Optional.of(Decoding.decodeBase32(sub))
              : Optional.of(java.util.HexFormat.of().parseHex(sub, 0, sub.length() & ~1));
          bytes.ifPresent(b -> realigned.add(run(c.layer(), new Decoding.Run(from, to, b))));
        }
      }
      children.addAll(realigned);
      return covered;
    }

    private boolean decodedFrom(List<Child> children, List<Child> more, int start, int end) {
      for (List<Child> list : List.of(children, more)) {
        for (Child c : list) {
          if (c.run() && c.start() == start && c.end() == end) {
            return true;
          }
        }
      }
      return false;
    }

    private String base64Layer(String text, int start, int end) {
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c == '-' || c == '_') {
          return "base64url";
        }
      }
      return "base64";
    }

    /** HEX where the run's letters are all upper case. */
    private String hexLayer(String text, int start, int end) {
      boolean upper = false;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c >= 'a' && c <= 'f') {
          return "hex";
        }
        upper |= c >= 'A' && c <= 'F';
      }
      return upper ? "HEX" : "hex";
    }

    private Child run(String layer, Decoding.Run run) {
      Optional<String> decoded = Optional.of(Bytes.latin1(run.bytes()));
      return new Child(layer, run.start(), run.end(), true, () -> decoded);
    }

    private Child lazy(String layer, int start, int end, Supplier<Optional<String>> decode) {
      return new Child(layer, start, end, false, decode);
    }

    private Optional<String> changed(String before, String after) {
      return after.equals(before) ? Optional.empty() : Optional.of(after);
    }

    /**
     * Whether a match already covers the run: the HEX of a MAC is a hex run too, and
     * decoding it would report the same occurrence again as plain under hex.
     */
    private boolean explained(Child run, List<Match> kept) {
      int lo = 0;
      int hi = kept.size() - 1;
      int best = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (kept.get(mid).start() <= run.start()) {
          best = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      for (int i = best; i >= 0 && i > best - 4; i--) {
        if (kept.get(i).end() >= run.end()) {
          return true;
        }
      }
      return false;
    }

    private Optional<String> inflate(Haystack h, String coding, int offset) {
      return inflate(h, coding, offset == 0 ? h.text() : h.text().substring(offset),
          h.layers().isEmpty() && offset == 0);
    }

    private Optional<String> inflate(Haystack h, String coding, String data, boolean noteFailure) {
      int cap = decodeCap();
      if (cap <= 0) {
        return Optional.empty();
      }
      byte[] bytes = Bytes.ofLatin1(data);
      try {
        Decoding.Inflated inflated = coding.equals("gzip")
            ? Decoding.gunzip(bytes, cap)
            : Decoding.inflate(bytes, cap);
        if (inflated.truncated()) {
          noteTruncated(describe(h) + " (" + coding + ")", cap);
          unread.add(pastCap(describe(h), coding, cap));
        }
        return Optional.of(Bytes.latin1(inflated.bytes()));
      } catch (IOException | RuntimeException e) {
        if (noteFailure) {
          note(describe(h) + " looks like " + coding
              + " but does not decode (" + e.getMessage() + "); searched it as sent");
        }
        return Optional.empty();
      }
    }

    /**
     * What one decompression may still produce under the flow's budgets; 0, and the
     * budget named as unread, when they are spent.
     */
    private int decodeCap() {
      long left = Math.min(limits.maxBytesPerFlow() - bytesSearched, limits.maxDecodedBytesPerFlow() - bytesDecoded);
      if (budgetSpent || left <= 0) {
        unread.add(budgetSpent ? searchBudget() : "decodings past " + binding());
        return 0;
      }
      return (int) Math.min(limits.maxInflatedBytes(), left);
    }

    /** The cap one decompression stopped at: the inflate cap, or the flow budget that was smaller. */
    private String pastCap(String what, String coding, int cap) {
      return cap == limits.maxInflatedBytes() ? FlowParts.pastInflateCap(what, coding, cap)
          : what + " (" + coding + ") past " + binding();
    }

    /** The flow budget, of search and decoding, with less left. */
    private String binding() {
      return limits.maxBytesPerFlow() - bytesSearched <= limits.maxDecodedBytesPerFlow() - bytesDecoded
          ? "the per-flow cap of " + DetectorLimits.size(limits.maxBytesPerFlow()) + " searched"
          : decodeBudget();
    }

    private String decodeBudget() {
      return "the per-flow cap of " + DetectorLimits.size(limits.maxDecodedBytesPerFlow()) + " decoded";
    }

    private String searchBudget() {
      return partsSearched >= limits.maxPartsPerFlow()
          ? "flow past the per-flow cap of " + limits.maxPartsPerFlow() + " parts searched"
          : "flow past the per-flow cap of " + DetectorLimits.size(limits.maxBytesPerFlow()) + " searched";
    }

    private boolean spendDecoded(int bytes) {
      if (decodeBudgetSpent) {
        return false;
      }
      if (bytesDecoded + bytes > limits.maxDecodedBytesPerFlow()) {
        decodeBudgetSpent = true;
        note("stopped decoding after " + bytesDecoded + " decoded bytes (the per-flow decoding limit);"
            + " the rest of this flow was searched only as sent");
        unread.add("decodings past " + decodeBudget());
        return false;
      }
      bytesDecoded += bytes;
      return true;
    }

    private boolean spend(int bytes) {
      if (budgetSpent) {
        return false;
      }
      if (bytesSearched + bytes > limits.maxBytesPerFlow() || partsSearched >= limits.maxPartsPerFlow()) {
        budgetSpent = true;
        note("stopped after searching " + bytesSearched + " bytes in " + partsSearched
            + " parts (the per-flow limit); the rest of this flow is unsearched");
        unread.add(searchBudget());
        return false;
      }
      bytesSearched += bytes;
      partsSearched++;
      return true;
    }

    private void record(Needle needle, List<String> layers, Location location, String detail) {
      List<String> chain = new ArrayList<>();
      if (!needle.encoding().equals("plain")) {
        chain.add(needle.encoding());
      }
      chain.addAll(layers);
      String encoding = chain.isEmpty() ? "plain" : String.join("+", chain);
      String identifier = needle.value().identifier();
      List<String> key = List.of(identifier, encoding, location.wireName(), detail);
      Candidate existing = found.get(key);
      // one occurrence matches several forms (E.164 holds the digits-only form): keep the longest
      if (existing == null || needle.text().length() > existing.length()) {
        Finding finding = new Finding(flow.index(), flow.time(), flow.method(), flow.host(),
            flow.url(), flow.channel(), identifier, encoding, location, detail,
            needle.form(), needle.value().origin(), flow.bytes());
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
      notes.add(flow.id() + " (" + flow.method() + " " + flow.url() + "): " + message);
    }
  }

  /** The value of {@code source}, worked out on the first call only. */
  private static <T> Supplier<T> memoized(Supplier<T> source) {
    Object[] value = new Object[1];
    return () -> {
      if (value[0] == null) {
        value[0] = source.get();
      }
      @SuppressWarnings("unchecked")
      T t = (T) value[0];
      return t;
    };
  }

  /**
   * One decoding to try: the layer it undoes, the span of the parent it came from, whether
   * it is a run (a piece of the parent, named by where it lies) or the whole text.
   */
  private record Child(String layer, int start, int end, boolean run, Supplier<Optional<String>> decode) {}

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
