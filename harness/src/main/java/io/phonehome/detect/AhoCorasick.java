package io.phonehome.detect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-pattern search in one pass over the text, so that thousands of needles cost no
 * more per byte than one: an Aho-Corasick automaton whose shallow states form a dense DFA.
 *
 * <p>Bytes (or ISO-8859-1 characters) are first mapped to classes: every byte that occurs
 * in some pattern gets its own class, all others share one. States are numbered breadth
 * first; the first ones (as many as fit in {@value #DENSE_BUDGET} table entries) get a
 * full row of resolved transitions, so a step from them is one table load. A search
 * spends nearly all its steps there: a deeper state is reached only while a text runs
 * along some pattern. Deeper states keep only their trie children and failure link, so
 * the automaton stays a few tens of MB even with thousands of needles over all 256 byte
 * values (raw digests). Failure steps are bounded by the bytes read (each one makes the
 * state shallower), so a search stays linear in the text and independent of the number of
 * patterns.
 *
 * <p>Skipping: when every pattern is at least {@code m} characters long, a search of a
 * string reads one 4-character window every {@code m - 3} characters and looks it up in a
 * {@link WindowIndex} of the windows that the patterns hold at their first {@code m - 3}
 * offsets. Every occurrence holds one such probed window, so only the patterns that hold a
 * window found in the text are compared there; a window that many patterns hold is run
 * through the automaton instead, from the first start it can belong to until no
 * occurrence starting by it is still under way. Text that shares no window with any
 * pattern, which is nearly all of it, costs one bit-set lookup per {@code m - 3}
 * characters, and the dense table, far larger than a core's cache, is not touched.
 *
 * <p>Streaming: {@link #feed(int, byte[], int, int, long, StreamSink)} carries the state
 * from one chunk to the next, so a match may span chunk boundaries.
 */
final class AhoCorasick {
  /** Table entries (ints) of the dense part: 16 MiB. */
  static final int DENSE_BUDGET = 4 << 20;
  /** What a sparse state's lookup returns when it has no child for the class. */
  private static final int NONE = Integer.MIN_VALUE;

  private final int classes;
  /** Class of every char; chars no pattern holds (and all above 255 unless a pattern has them) are class 0. */
  private final int[] classOf;
  /** Resolved transitions of the dense states: target state, {@code ~target} when it reports matches. */
  private final int[] delta;
  /** How many states (from 0, breadth first) are dense. */
  private final int dense;
  /** Failure link of every state. */
  private final int[] fail;
  /** Children of sparse state {@code s} are at {@code childStart[s - dense]} up to the next start. */
  private final int[] childStart;
  private final int[] childClass;
  /** Child state, {@code ~child} when it reports matches. */
  private final int[] childTarget;
  /** Patterns ending at each state (by state number), null for none. */
  private final int[][] outputs;
  private final int[] lengths;
  private final int states;
  /** Trie depth of every state: how many characters of a pattern it has read. */
  private final int[] depth;
  /** The patterns by the windows they hold, for skipping; null where they are too short for it. */
  private final WindowIndex windows;
  /**
   * Patterns holding a {@code '?'}, by index (null for the rest): where a string holds
   * characters above 255, its ISO-8859-1 bytes have a {@code '?'} in their place, so a
   * match of these is checked against the string.
   */
  private final String[] withQuestionMark;

  /** Receives each occurrence: the pattern's index and the text index just past its end. */
  @FunctionalInterface
  interface MatchSink {
    void match(int pattern, int end);
  }

  /** Receives each occurrence in a stream: the pattern's index and the stream offset just past its end. */
  @FunctionalInterface
  interface StreamSink {
    void match(int pattern, long end);
  }

  AhoCorasick(List<String> patterns) {
    this(patterns, DENSE_BUDGET);
  }

  /** With a dense part of at most {@code denseBudget} table entries (tests use small ones). */
  AhoCorasick(List<String> patterns, int denseBudget) {
    lengths = new int[patterns.size()];
    int maxChar = 0;
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      lengths[p] = pattern.length();
      for (int i = 0; i < pattern.length(); i++) {
        maxChar = Math.max(maxChar, pattern.charAt(i));
      }
    }
    classOf = new int[Math.max(256, maxChar + 1)];
    int next = 1;
    for (String pattern : patterns) {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (classOf[c] == 0) {
          classOf[c] = next++;
        }
      }
    }
    classes = next;
    Trie trie = new Trie();
    List<int[]> own = new ArrayList<>();
    own.add(null);
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      if (pattern.isEmpty()) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < pattern.length(); i++) {
        int c = classOf[pattern.charAt(i)];
        int child = trie.get(node, c);
        if (child == 0) {
          child = trie.add(node, c);
          own.add(null);
        }
        node = child;
      }
      own.set(node, append(own.get(node), p));
    }
    states = trie.size;
    dense = Math.max(1, Math.min(states, denseBudget / classes));
    int[][] trieOutputs = own.toArray(new int[0][]);

    // breadth-first order and failure links, on the trie's own numbering
    int[] order = new int[states];
    int[] trieFail = new int[states];
    int[] trieDepth = new int[states];
    int tail = 1;
    for (int head = 0; head < tail; head++) {
      int node = order[head];
      for (int e = trie.first[node]; e >= 0; e = trie.nextEdge[e]) {
        int c = trie.edgeClass[e];
        int child = trie.edgeTarget[e];
        int f = 0;
        if (node != 0) {
          f = trieFail[node];
          while (f != 0 && trie.get(f, c) == 0) {
            f = trieFail[f];
          }
          f = trie.get(f, c);
        }
        trieFail[child] = f;
        trieDepth[child] = trieDepth[node] + 1;
        trieOutputs[child] = concat(trieOutputs[child], trieOutputs[f]);
        order[tail++] = child;
      }
    }
    // renumber breadth first: the shallow states, where a search spends nearly all its
    // steps, come first, and the dense ones are exactly the shallowest
    int[] number = new int[states];
    for (int i = 0; i < states; i++) {
      number[order[i]] = i;
    }
    outputs = new int[states][];
    fail = new int[states];
    depth = new int[states];
    for (int old = 0; old < states; old++) {
      outputs[number[old]] = trieOutputs[old];
      fail[number[old]] = number[trieFail[old]];
      depth[number[old]] = trieDepth[old];
    }
    childStart = new int[states - dense + 1];
    int sparseEdges = 0;
    for (int s = dense; s < states; s++) {
      sparseEdges += trie.childCount(order[s]);
    }
    childClass = new int[sparseEdges];
    childTarget = new int[sparseEdges];
    int at = 0;
    for (int s = dense; s < states; s++) {
      childStart[s - dense] = at;
      for (int e = trie.first[order[s]]; e >= 0; e = trie.nextEdge[e]) {
        childClass[at] = trie.edgeClass[e];
        childTarget[at] = encode(number[trie.edgeTarget[e]]);
        at++;
      }
    }
    childStart[states - dense] = at;
    delta = new int[checkedSize(dense, classes)];
    for (int s = 0; s < dense; s++) {
      int row = s * classes;
      int node = order[s];
      for (int c = 0; c < classes; c++) {
        int child = trie.get(node, c);
        if (child != 0) {
          delta[row + c] = encode(number[child]);
        } else {
          // the failure state is shallower, so its row is filled already
          delta[row + c] = s == 0 ? encode(0) : delta[fail[s] * classes + c];
        }
      }
    }
    windows = WindowIndex.of(patterns);
    withQuestionMark = new String[patterns.size()];
    for (int p = 0; p < patterns.size(); p++) {
      if (patterns.get(p).indexOf('?') >= 0) {
        withQuestionMark[p] = patterns.get(p);
      }
    }
  }

  private int encode(int state) {
    return outputs[state] == null ? state : ~state;
  }

  /** The encoded target of a step from {@code s} on class {@code c}, following failure links. */
  private int step(int s, int c) {
    while (s >= dense) {
      for (int e = childStart[s - dense], end = childStart[s - dense + 1]; e < end; e++) {
        if (childClass[e] == c) {
          return childTarget[e];
        }
      }
      s = fail[s];
    }
    return delta[s * classes + c];
  }

  private static int checkedSize(int states, int classes) {
    long size = (long) states * classes;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many patterns for one automaton: " + states
          + " states x " + classes + " byte classes");
    }
    return (int) size;
  }

  /** Reports every occurrence of every pattern. */
  void search(String text, MatchSink sink) {
    search(text, Bytes.ofLatin1(text), sink);
  }

  /**
   * Reports every occurrence of every pattern in {@code text}, searching {@code latin1},
   * its ISO-8859-1 bytes, which the caller shares with other readers of the text.
   */
  void search(String text, byte[] latin1, MatchSink sink) {
    if (classOf.length > 256) {
      // a pattern holds a character above 255: only the characters can match it
      run(text.toCharArray(), sink);
      return;
    }
    MatchSink checked = (p, end) -> {
      String pattern = withQuestionMark[p];
      if (pattern == null || text.regionMatches(end - pattern.length(), pattern, 0, pattern.length())) {
        sink.match(p, end);
      }
    };
    if (windows == null || !windows.worthProbing(latin1.length)) {
      feed(0, latin1, 0, latin1.length, 0, (p, end) -> checked.match(p, (int) end));
      return;
    }
    windows.search(latin1, checked, this::runAround);
  }

  /**
   * Runs the automaton from {@code from}, reporting the occurrences that start by
   * {@code lastStart}, until the longest pattern prefix still under way starts after it.
   * The windows probed before and after cover the starts on either side.
   */
  private void runAround(byte[] bytes, int from, int lastStart, MatchSink sink) {
    int[] table = delta;
    int[] cls = classOf;
    int width = classes;
    int denseStates = dense;
    int s = 0;
    for (int i = from, n = bytes.length; i < n; i++) {
      int c = cls[bytes[i] & 0xff];
      int t = s < denseStates ? table[s * width + c] : step(s, c);
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t]) {
          if (i + 1 - lengths[p] <= lastStart) {
            sink.match(p, i + 1);
          }
        }
      }
      s = t;
      if (i + 1 - depth[s] > lastStart) {
        return;
      }
    }
  }

  /** Runs the automaton over the whole text, as characters. */
  private void run(char[] chars, MatchSink sink) {
    int[] table = delta;
    int[] cls = classOf;
    int limit = cls.length;
    int width = classes;
    int denseStates = dense;
    int s = 0;
    for (int i = 0, n = chars.length; i < n; i++) {
      char ch = chars[i];
      int c = ch < limit ? cls[ch] : 0;
      int t = s < denseStates ? table[s * width + c] : step(s, c);
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t]) {
          sink.match(p, i + 1);
        }
      }
      s = t;
    }
  }

  /** The state before any byte was read: pass it to the first {@code feed}. */
  int start() {
    return 0;
  }

  /**
   * Searches one chunk of a stream, starting in {@code state} (from {@link #start()} or
   * the previous chunk); returns the state to pass with the next chunk.
   *
   * @param chunkOffset the stream offset of {@code chunk[off]}, so matches carry stream offsets
   */
  int feed(int state, byte[] chunk, int off, int len, long chunkOffset, StreamSink sink) {
    int[] table = delta;
    int[] cls = classOf;
    int width = classes;
    int denseStates = dense;
    int s = state;
    long base = chunkOffset - off + 1;
    for (int i = off, end = off + len; i < end; i++) {
      int c = cls[chunk[i] & 0xff];
      int t = s < denseStates ? table[s * width + c] : step(s, c);
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t]) {
          sink.match(p, base + i);
        }
      }
      s = t;
    }
    return s;
  }

  /** {@link #feed(int, byte[], int, int, long, StreamSink)} over the remaining bytes of a buffer, which it consumes. */
  int feed(int state, ByteBuffer chunk, long chunkOffset, StreamSink sink) {
    if (chunk.hasArray()) {
      int n = chunk.remaining();
      int s = feed(state, chunk.array(), chunk.arrayOffset() + chunk.position(), n, chunkOffset, sink);
      chunk.position(chunk.position() + n);
      return s;
    }
    byte[] copy = new byte[chunk.remaining()];
    chunk.get(copy);
    return feed(state, copy, 0, copy.length, chunkOffset, sink);
  }

  /** The length of pattern {@code p}. */
  int length(int p) {
    return lengths[p];
  }

  /**
   * How many patterns, states and byte classes the automaton has, how many states are
   * dense, and its size in bytes.
   */
  record Size(int patterns, int states, int classes, int denseStates, long bytes) {}

  Size size() {
    long bytes = 4L * delta.length + 4L * classOf.length + 4L * lengths.length + 8L * outputs.length
        + 4L * fail.length + 4L * depth.length + 4L * childStart.length + 8L * childClass.length
        + (windows == null ? 0 : windows.bytes());
    for (int[] out : outputs) {
      if (out != null) {
        bytes += 16 + 4L * out.length;
      }
    }
    return new Size(lengths.length, states, classes, dense, bytes);
  }

  /** The goto function while it is being built: children as linked edge lists, 0 for no child. */
  private static final class Trie {
    private int[] first = {-1};
    private int[] nextEdge = new int[16];
    private int[] edgeClass = new int[16];
    private int[] edgeTarget = new int[16];
    private int edges;
    private int size = 1;

    int get(int node, int c) {
      for (int e = first[node]; e >= 0; e = nextEdge[e]) {
        if (edgeClass[e] == c) {
          return edgeTarget[e];
        }
      }
      return 0;
    }

    int childCount(int node) {
      int n = 0;
      for (int e = first[node]; e >= 0; e = nextEdge[e]) {
        n++;
      }
      return n;
    }

    /** A new child of {@code node} under class {@code c}. */
    int add(int node, int c) {
      if (size == first.length) {
        int grown = size * 2;
        first = Arrays.copyOf(first, grown);
        Arrays.fill(first, size, grown, -1);
      }
      if (edges == nextEdge.length) {
        int grown = edges * 2;
        nextEdge = Arrays.copyOf(nextEdge, grown);
        edgeClass = Arrays.copyOf(edgeClass, grown);
        edgeTarget = Arrays.copyOf(edgeTarget, grown);
      }
      int child = size++;
      edgeClass[edges] = c;
      edgeTarget[edges] = child;
      nextEdge[edges] = first[node];
      first[node] = edges++;
      return child;
    }
  }

  private static int[] append(int[] a, int v) {
    if (a == null) {
      return new int[] {v};
    }
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    if (b == null) {
      return a;
    }
    if (a == null) {
      return b;
    }
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
