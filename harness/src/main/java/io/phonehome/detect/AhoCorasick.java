package io.phonehome.detect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-pattern search in one pass over the text, so that thousands of needles cost no
 * more per byte than one: an Aho-Corasick automaton compiled to a dense DFA. Every
 * transition is resolved when it is built, so a search step is one table load whatever
 * the number of patterns, and never follows a failure link.
 *
 * <p>Bytes (or ISO-8859-1 characters) are first mapped to classes: every byte that occurs
 * in some pattern gets its own class, all others share one. The table has one row of
 * {@code classes} entries per state, so ~5,000 needles over the hex and base64 alphabets
 * cost about 80 ints per state instead of 256. An entry holds the target state's row
 * offset, bit-inverted when the target ends a pattern, so the search loop tests the
 * sign instead of loading a second table.
 *
 * <p>Streaming: {@link #feed(int, byte[], int, int, long, StreamSink)} carries the state
 * from one chunk to the next, so a match may span chunk boundaries.
 */
final class AhoCorasick {
  private final int classes;
  /** Class of every char; chars no pattern holds (and all above 255 unless a pattern has them) are class 0. */
  private final int[] classOf;
  /** Row offset of the target state, {@code ~offset} when the target reports matches. */
  private final int[] delta;
  /** Patterns ending at each state (by state number), null for none. */
  private final int[][] outputs;
  private final int[] lengths;
  private final int states;

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
    lengths = new int[patterns.size()];
    int maxChar = 0;
    long totalLength = 0;
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      lengths[p] = pattern.length();
      totalLength += pattern.length();
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
    Trie trie = new Trie(classes, (int) Math.min(totalLength + 1, 1 << 20));
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
          child = trie.add();
          own.add(null);
          trie.set(node, c, child);
        }
        node = child;
      }
      own.set(node, append(own.get(node), p));
    }
    states = trie.size;
    outputs = own.toArray(new int[0][]);
    delta = resolve(trie);
  }

  /** Fills every missing transition from the failure state's row, breadth first. */
  private int[] resolve(Trie trie) {
    int[] table = trie.table.length == states * classes ? trie.table
        : Arrays.copyOf(trie.table, checkedSize(states, classes));
    int[] fail = new int[states];
    int[] queue = new int[states];
    int head = 0;
    int tail = 0;
    for (int c = 0; c < classes; c++) {
      int child = table[c];
      if (child != 0) {
        queue[tail++] = child;
      }
    }
    while (head < tail) {
      int node = queue[head++];
      int row = node * classes;
      int failRow = fail[node] * classes;
      for (int c = 0; c < classes; c++) {
        int child = table[row + c];
        if (child == 0) {
          table[row + c] = table[failRow + c];
        } else {
          fail[child] = node == 0 ? 0 : table[failRow + c];
          outputs[child] = concat(outputs[child], outputs[fail[child]]);
          queue[tail++] = child;
        }
      }
    }
    // renumber breadth first: the shallow states, where a search spends nearly all its
    // steps, then sit together at the start of the table and stay in the CPU caches
    int[] renumbered = new int[states];
    for (int i = 0; i < tail; i++) {
      renumbered[queue[i]] = i + 1;
    }
    int[][] movedOutputs = new int[states][];
    int[] out = new int[table.length];
    for (int old = 0; old < states; old++) {
      int row = renumbered[old] * classes;
      movedOutputs[renumbered[old]] = outputs[old];
      for (int c = 0; c < classes; c++) {
        int target = table[old * classes + c];
        int to = renumbered[target] * classes;
        out[row + c] = outputs[target] == null ? to : ~to;
      }
    }
    System.arraycopy(movedOutputs, 0, outputs, 0, states);
    return out;
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
    int[] table = delta;
    int[] cls = classOf;
    int limit = cls.length;
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char ch = text.charAt(i);
      int t = table[s + (ch < limit ? cls[ch] : 0)];
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t / classes]) {
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
    int s = state;
    long base = chunkOffset - off + 1;
    for (int i = off, end = off + len; i < end; i++) {
      int t = table[s + cls[chunk[i] & 0xff]];
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t / classes]) {
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
    int[] table = delta;
    int[] cls = classOf;
    int s = state;
    long pos = chunkOffset;
    while (chunk.hasRemaining()) {
      int t = table[s + cls[chunk.get() & 0xff]];
      pos++;
      if (t < 0) {
        t = ~t;
        for (int p : outputs[t / classes]) {
          sink.match(p, pos);
        }
      }
      s = t;
    }
    return s;
  }

  /** The length of pattern {@code p}. */
  int length(int p) {
    return lengths[p];
  }

  /** How many patterns, states and byte classes the automaton has, and its size in bytes. */
  record Size(int patterns, int states, int classes, long bytes) {}

  Size size() {
    long bytes = 4L * delta.length + 4L * classOf.length + 4L * lengths.length + 4L * outputs.length;
    for (int[] out : outputs) {
      if (out != null) {
        bytes += 16 + 4L * out.length;
      }
    }
    return new Size(lengths.length, states, classes, bytes);
  }

  /** The goto function while it is being built: a growing dense table, 0 for no child. */
  private static final class Trie {
    private final int classes;
    private int[] table;
    private int size = 1;

    Trie(int classes, int expectedStates) {
      this.classes = classes;
      this.table = new int[checkedSize(Math.max(1, Math.min(expectedStates, 4096)), classes)];
    }

    int get(int node, int c) {
      return table[node * classes + c];
    }

    void set(int node, int c, int child) {
      table[node * classes + c] = child;
    }

    int add() {
      if ((size + 1) * (long) classes > table.length) {
        table = Arrays.copyOf(table, checkedSize(Math.max(size * 2, size + 1), classes));
      }
      return size++;
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
