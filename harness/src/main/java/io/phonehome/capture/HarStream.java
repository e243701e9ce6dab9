package io.phonehome.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A HAR file read one entry at a time with Jackson's streaming parser: memory stays
 * bounded by one entry whatever the file's size, and a request body larger than a
 * threshold (8 MiB by default) is never held as a string: it is spooled, with its JSON
 * escapes undone, to a temporary file handed over as a {@link LargeBody}.
 *
 * <p>A corrupt entry is reported in one line with its index and the byte offset where
 * reading failed, and reading resumes at the next entry that parses; a file cut short is
 * reported with the offset of the cut, and the entries before it are read. Besides that
 * line, each entry that could not be read (corrupt, nested past the parser's depth limit,
 * not an object, without its request) is handed over as a {@link Skipped} by
 * {@link #takeSkipped()}, and {@link #stoppedEarly()} says whether reading ended before the
 * entries did: a reader that judges the capture must not call it clean.
 *
 * <pre>{@code
 * try (HarStream har = HarStream.open(Path.of("session.har"))) {
 *   while (har.hasNext()) {
 *     HarStream.Entry entry = har.next();
 *     // entry.flow(); entry.largeBody() (close it when done: that deletes the spool)
 *     har.takeProblems().forEach(System.err::println);
 *   }
 * }
 * }</pre>
 */
public final class HarStream implements Iterator<HarStream.Entry>, Closeable {
  /** Request bodies longer than this (in the HAR's JSON) are spooled to a file: 8 MiB. */
  public static final long DEFAULT_LARGE_BODY = 8L << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build());
  private static final byte[] RESUME_PREFIX = "{\"log\":{\"entries\":[".getBytes(StandardCharsets.US_ASCII);

  private final String source;
  private final Path file;
  private final long largeBody;
  private final Path spoolDir;
  private final List<String> problems = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private boolean stoppedEarly;
  private LargeStringDiverter diverter;
  private JsonParser parser;
  private int nextIndex;
  private long lastGoodEnd;
  private Entry ahead;
  private boolean finished;

  /**
   * One HAR entry: its flow (with an empty body when the body was spooled) and the
   * spooled request body, if any. The caller closes the body when done with it.
   */
  public record Entry(Flow flow, Optional<LargeBody> largeBody) {}

  /**
   * An entry that could not be read.
   *
   * @param flow what is known of it: always its index; its method, URL, host and time when
   *     the entry parsed as JSON but could not be used (empty, and host {@code unknown},
   *     otherwise); no headers or body
   * @param why what was wrong, one line: {@code no request}, {@code corrupt at byte 812
   *     (Unexpected character ...)}, {@code nesting depth (1001) exceeds the maximum allowed
   *     (1000) at byte 5120}
   */
  public record Skipped(Flow flow, String why) {
    public Skipped {
      java.util.Objects.requireNonNull(flow, "flow");
      java.util.Objects.requireNonNull(why, "why");
    }
  }

  private HarStream(String source, Path file, long largeBody, Path spoolDir) {
    this.source = source;
    this.file = file;
    this.largeBody = largeBody;
    this.spoolDir = spoolDir;
  }

  /** Opens a HAR file with the default threshold, spooling to the system's temporary directory. */
  public static HarStream open(Path file) throws IOException {
    return open(file, DEFAULT_LARGE_BODY, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Opens a HAR file; throws {@link IOException} naming the file when it is not JSON or
   * has no {@code log.entries} array.
   *
   * @param largeBody request bodies longer than this many bytes of JSON are spooled
   * @param spoolDir where spool files are written
   */
  public static HarStream open(Path file, long largeBody, Path spoolDir) throws IOException {
    HarStream har = new HarStream(file.toString(), file, largeBody, spoolDir);
    har.start(Files.newInputStream(file), new byte[0], 0);
    return har;
  }

  /** Opens HAR read from a stream; a corrupt entry ends the reading (a stream cannot be re-read). */
  public static HarStream open(InputStream in, String source, long largeBody, Path spoolDir)
      throws IOException {
    HarStream har = new HarStream(source, null, largeBody, spoolDir);
    har.start(in, new byte[0], 0);
    return har;
  }

  private void start(InputStream in, byte[] prefix, long offset) throws IOException {
    diverter = new LargeStringDiverter(in, largeBody, spoolDir, prefix, offset);
    parser = MAPPER.getFactory().createParser(diverter);
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(source + " is not HAR 1.2: it is not a JSON object");
      }
      if (!seek("log", JsonToken.START_OBJECT) || !seek("entries", JsonToken.START_ARRAY)) {
        throw new IOException(source + " is not HAR 1.2: it has no log.entries array");
      }
    } catch (JsonProcessingException e) {
      closeParser();
      throw new IOException(source + " is not JSON: " + firstLine(e) + " at line "
          + e.getLocation().getLineNr() + ", byte " + offsetOf(e.getLocation()), e);
    } catch (IOException e) {
      closeParser();
      throw e;
    }
    lastGoodEnd = offset;
  }

  /** Moves to the value of field {@code name} of the current object; skips the others. */
  private boolean seek(String name, JsonToken type) throws IOException {
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && value == type) {
        return true;
      }
      parser.skipChildren();
    }
    if (t == null) {
      throw new JsonEOFException(parser, null, "unexpected end of file");
    }
    return false;
  }

  @Override
  public boolean hasNext() {
    if (ahead == null && !finished) {
      ahead = advance();
    }
    return ahead != null;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry entry = ahead;
    ahead = null;
    return entry;
  }

  /** The problems found since the last call, one line each, naming the entry (and byte). */
  public List<String> takeProblems() {
    List<String> taken = List.copyOf(problems);
    problems.clear();
    return taken;
  }

  void problem(String line) {
    problems.add(line);
  }

  /**
   * The entries skipped since the last call, in file order. An entry is handed over here
   * before any later entry is returned by {@link #next()}, except that {@link #hasNext()}
   * reads ahead: call this after {@link #next()} and once more when {@link #hasNext()} is
   * false.
   */
  public List<Skipped> takeSkipped() {
    List<Skipped> taken = List.copyOf(skipped);
    skipped.clear();
    return taken;
  }

  /**
   * Whether reading stopped before the end of {@code log.entries}: the file was cut short,
   * or (a stream, which cannot be searched for the next entry) an entry was corrupt. What
   * followed is unknown.
   */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  private void skip(int index, String why) {
    skipped.add(new Skipped(placeholder(index, null), why));
  }

  private void skip(int index, JsonNode entry, String why) {
    skipped.add(new Skipped(placeholder(index, entry), why));
  }

  /** A flow with what an unusable entry still says: method, URL, host and time where it has them. */
  private static Flow placeholder(int index, JsonNode entry) {
    JsonNode request = entry == null ? null : entry.path("request");
    String method = request == null ? "" : request.path("method").asText("");
    String url = request == null ? "" : request.path("url").asText("");
    String host = entry != null && entry.hasNonNull("_host") ? entry.get("_host").asText("") : "";
    if (host.isEmpty() && !url.isEmpty()) {
      try {
        host = java.util.Objects.requireNonNullElse(new java.net.URI(url).getHost(), "");
      } catch (java.net.URISyntaxException e) {
        // no host in a URL that does not parse
      }
    }
    Instant time = Instant.EPOCH;
    if (entry != null && entry.hasNonNull("startedDateTime")) {
      try {
        time = OffsetDateTime.parse(entry.get("startedDateTime").asText()).toInstant();
      } catch (DateTimeParseException e) {
        // the time is unknown, as for an entry that did not parse
      }
    }
    return new Flow(index, time, Channel.PROXY, method, url, host.isEmpty() ? "unknown" : host,
        List.of(), new byte[0], Optional.empty(), Optional.empty());
  }

  /** The file (or the name given for the stream) that messages name. */
  public String source() {
    return source;
  }

  /** How far into the file reading has got, in bytes. */
  public long bytesRead() {
    return diverter == null ? 0 : diverter.fileOffset();
  }

  private Entry advance() {
    while (!finished) {
      int index = nextIndex;
      long entryStart = lastGoodEnd;
      try {
        JsonToken t = parser.nextToken();
        if (t == null || t == JsonToken.END_ARRAY) {
          if (t == null) {
            stoppedEarly = true;
            problems.add(source + ": cut short at byte " + bytesRead() + " after entry "
                + (index - 1) + " (no closing ] of log.entries); the entries before are read");
          }
          finish();
          return null;
        }
        entryStart = offsetOf(parser.currentTokenLocation());
        nextIndex++;
        if (t != JsonToken.START_OBJECT) {
          parser.skipChildren();
          problems.add("entry " + index + " skipped: not an object");
          skip(index, "not an object");
          continue;
        }
        JsonNode node = MAPPER.readTree(parser);
        lastGoodEnd = offsetOf(parser.currentLocation());
        Optional<Entry> entry = convert(index, node);
        if (entry.isPresent()) {
          return entry.get();
        }
      } catch (IOException e) {
        recover(index, entryStart, e);
        if (ahead != null) {
          Entry resumed = ahead;
          ahead = null;
          return resumed;
        }
      }
    }
    return null;
  }

  private Optional<Entry> convert(int index, JsonNode node) {
    try {
      HarReader.Converted c = HarReader.entry(index, node, problems, diverter::take);
      return Optional.of(new Entry(c.flow(), Optional.ofNullable(c.largeBody())));
    } catch (IllegalArgumentException e) {
      problems.add("entry " + index + " skipped: " + e.getMessage());
      skip(index, node, e.getMessage());
      return Optional.empty();
    } finally {
      diverter.deleteUntaken();
    }
  }

  /** Reports a parse failure in entry {@code index} and finds the next entry that parses. */
  private void recover(int index, long entryStart, IOException e) {
    // a constraint (nesting depth, say) is reported without a location: the parser knows where it is
    long at = e instanceof JsonProcessingException p && p.getLocation() != null
        ? offsetOf(p.getLocation()) : parser != null ? offsetOf(parser.currentLocation()) : bytesRead();
    nextIndex = index + 1;
    boolean cut = e instanceof JsonEOFException
        || (file != null && at >= size() - 1 && !(e instanceof StreamConstraintsException));
    closeParser();
    if (cut) {
      at = bytesRead();
      stoppedEarly = true;
      skip(index, "the file is cut short inside it");
      problems.add(source + ": cut short at byte " + at + " inside entry " + index + " ("
          + firstLine(e) + "); the entries before it are read");
      finish();
      return;
    }
    // a constraint is a limit of the reader (nesting depth, say), not damage to the file
    boolean limit = e instanceof StreamConstraintsException;
    skip(index, limit ? firstLine(e) + " at byte " + at : "corrupt at byte " + at + " (" + firstLine(e) + ")");
    String what = (limit ? "past a limit of the reader" : "corrupt") + " at byte " + at + " (" + firstLine(e) + ")";
    if (file == null) {
      stoppedEarly = true;
      problems.add(source + ": entry " + index + " is " + what
          + "; a stream cannot be searched for the next entry, so reading stops here");
      finish();
      return;
    }
    problems.add(source + ": entry " + index + " is " + what + "; skipped to the next entry that reads");
    resume(entryStart + 1);
  }

  /** Tries each object start after {@code from} until one reads as an entry. */
  private void resume(long from) {
    long candidate = from;
    while ((candidate = nextObjectStart(candidate)) >= 0) {
      try {
        start(Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ).position(candidate)),
            RESUME_PREFIX, candidate);
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          JsonNode node = MAPPER.readTree(parser);
          if (node.path("request").isObject() && !node.path("request").path("url").asText("").isEmpty()) {
            lastGoodEnd = offsetOf(parser.currentLocation());
            int index = nextIndex++;
            Optional<Entry> entry = convert(index, node);
            if (entry.isPresent()) {
              ahead = entry.get();
              return;
            }
            return;
          }
        }
      } catch (IOException notHere) {
        // not an entry's start: try the next object
      }
      closeParser();
      candidate++;
    }
    finish();
  }

  /** The offset of the next {@code {"} (an object with a first field), or -1. */
  private long nextObjectStart(long from) {
    try (InputStream in = new BufferedInputStream(
        Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ).position(from)), 1 << 16)) {
      long pos = from;
      long brace = -1;
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '{') {
          brace = pos;
        } else if (c == '"' && brace >= 0) {
          return brace;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          brace = -1;
        }
        pos++;
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private long offsetOf(JsonLocation location) {
    long bytes = location.getByteOffset();
    return bytes < 0 ? bytesRead() : diverter.fileOffsetOf(bytes);
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // "... exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"
    message = message.replaceAll(", from `[^`]*`\\)", ")").replaceFirst("^Document nesting", "nesting");
    for (String end : List.of("\n", " (start marker at", " at [Source")) {
      int at = message.indexOf(end);
      if (at >= 0) {
        message = message.substring(0, at);
      }
    }
    return message;
  }

  private void finish() {
    finished = true;
    closeParser();
  }

  private void closeParser() {
    try {
      if (parser != null) {
        parser.close();
      }
      if (diverter != null) {
        diverter.close();
      }
    } catch (IOException e) {
      // closing a file we only read
    }
  }

  /** Closes the file and deletes every spool not handed over. */
  @Override
  public void close() {
    if (ahead != null) {
      ahead.largeBody().ifPresent(LargeBody::close);
      ahead = null;
    }
    finish();
  }
}
