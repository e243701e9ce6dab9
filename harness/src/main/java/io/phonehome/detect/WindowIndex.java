package io.phonehome.detect;

import java.util.Arrays;
import java.util.List;

/**
 * The skipping half of {@link AhoCorasick#search}: which patterns hold which
 * {@value #GRAM}-character window at their first {@code stride} offsets, where
 * {@code stride} is the shortest pattern's length minus {@value #GRAM} plus 1.
 *
 * <p>Probing the windows that start at 0, stride, 2 stride, ... of a text finds every
 * occurrence of every pattern: an occurrence starting at {@code s} holds, whole, the
 * window probed at the one multiple of stride in {@code [s, s + stride)}, at an offset
 * below stride. A probed window is first looked up in a bit set (128 KiB, in a core's
 * cache), which turns away nearly all text at one load per stride characters; one that
 * passes is looked up exactly, and each pattern that holds it there is compared in place.
 * A window that more than {@value #MAX_COMPARED} patterns hold is left to the automaton
 * instead, so the work per probe never grows with the number of patterns; at most it
 * grows with the longest pattern's length, on text made to look like pattern prefixes.
 */
final class WindowIndex {
  /** Characters in a window. */
  static final int GRAM = 4;
  /** Patterns compared in place for one window; more go to the automaton. */
  static final int MAX_COMPARED = 8;
  private static final int FILTER_BITS = 20;
  /** Below this stride (patterns shorter than 5 characters) probing saves nothing. */
  private static final int MIN_STRIDE = 2;

  /** Where the automaton takes over: report the occurrences starting in {@code [from, lastStart]}. */
  @FunctionalInterface
  interface Automaton {
    void runAround(byte[] bytes, int from, int lastStart, AhoCorasick.MatchSink sink);
  }

  private final int stride;
  private final long[] filter;
  /** Open addressing on the window's 32 bits: slot -> window, first entry, entry count (0: empty slot). */
  private final int[] slotWindow;
  private final int[] slotFirst;
  private final int[] slotCount;
  private final int slotMask;
  private final int slotShift;
  /** Entries ordered by window: the pattern and the offset at which it holds the window. */
  private final int[] entryPattern;
  private final int[] entryOffset;
  private final byte[][] patterns;

  private WindowIndex(int stride, List<String> patterns) {
    this.stride = stride;
    this.patterns = new byte[patterns.size()][];
    int entries = 0;
    for (int p = 0; p < patterns.size(); p++) {
      this.patterns[p] = Bytes.ofLatin1(patterns.get(p));
      entries += windowsOf(patterns.get(p));
    }
    // window in the high half, entry number in the low: sorting groups entries by window
    long[] keyed = new long[entries];
    int[] pattern = new int[entries];
    int[] offset = new int[entries];
    int e = 0;
    for (int p = 0; p < patterns.size(); p++) {
      String text = patterns.get(p);
      for (int off = 0, n = windowsOf(text); off < n; off++, e++) {
        keyed[e] = (long) window(text.charAt(off), text.charAt(off + 1), text.charAt(off + 2), text.charAt(off + 3)) << 32 | e;
        pattern[e] = p;
        offset[e] = off;
      }
    }
    Arrays.sort(keyed);
    entryPattern = new int[entries];
    entryOffset = new int[entries];
    int distinct = 0;
    for (int i = 0; i < entries; i++) {
      int from = (int) keyed[i];
      entryPattern[i] = pattern[from];
      entryOffset[i] = offset[from];
      if (i == 0 || keyed[i] >>> 32 != keyed[i - 1] >>> 32) {
        distinct++;
      }
    }
    int slots = Integer.highestOneBit(Math.max(1, distinct) * 2) * 2;
    slotMask = slots - 1;
    // the product's high bits mix all four characters; its low bits only the first ones
    slotShift = 32 - Integer.numberOfTrailingZeros(slots);
    slotWindow = new int[slots];
    slotFirst = new int[slots];
    slotCount = new int[slots];
    filter = new long[1 << (FILTER_BITS - 6)];
    for (int i = 0; i < entries; i++) {
      int w = (int) (keyed[i] >>> 32);
      int h = hash(w);
      filter[h >>> (32 - FILTER_BITS + 6) & (filter.length - 1)] |= 1L << (h >>> (32 - FILTER_BITS));
      int slot = h >>> slotShift;
      while (slotCount[slot] != 0 && slotWindow[slot] != w) {
        slot = (slot + 1) & slotMask;
      }
      if (slotCount[slot] == 0) {
        slotWindow[slot] = w;
        slotFirst[slot] = i;
      }
      slotCount[slot]++;
    }
  }

  /** An index for these patterns, or null when they are too short or not all Latin-1 to gain from one. */
  static WindowIndex of(List<String> patterns) {
    int shortest = Integer.MAX_VALUE;
    for (String pattern : patterns) {
      if (!pattern.isEmpty()) {
        shortest = Math.min(shortest, pattern.length());
      }
      for (int i = 0; i < pattern.length(); i++) {
        if (pattern.charAt(i) > 255) {
          return null;
        }
      }
    }
    int stride = shortest == Integer.MAX_VALUE ? 0 : shortest - GRAM + 1;
    return stride >= MIN_STRIDE ? new WindowIndex(stride, patterns) : null;
  }

  /** Whether probing pays on a text this long; a short one is cheaper to run through the automaton. */
  boolean worthProbing(int length) {
    return length >= 4 * stride;
  }

  /** Reports every occurrence of every pattern in {@code bytes}, each once, in no particular order. */
  void search(byte[] bytes, AhoCorasick.MatchSink sink, Automaton automaton) {
    long[] bits = filter;
    int mask = bits.length - 1;
    for (int p = 0, last = bytes.length - GRAM; p <= last; p += stride) {
      int w = bytes[p] & 0xff | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16 | bytes[p + 3] << 24;
      int h = hash(w);
      if ((bits[h >>> (32 - FILTER_BITS + 6) & mask] & 1L << (h >>> (32 - FILTER_BITS))) != 0) {
        candidates(bytes, p, w, h, sink, automaton);
      }
    }
  }

  private void candidates(byte[] bytes, int p, int w, int h, AhoCorasick.MatchSink sink, Automaton automaton) {
    int slot = h >>> slotShift;
    while (slotCount[slot] != 0 && slotWindow[slot] != w) {
      slot = (slot + 1) & slotMask;
    }
    int count = slotCount[slot];
    if (count == 0) {
      return;
    }
    if (count > MAX_COMPARED) {
      automaton.runAround(bytes, Math.max(0, p - stride + 1), p, sink);
      return;
    }
    for (int e = slotFirst[slot], end = e + count; e < end; e++) {
      byte[] pattern = patterns[entryPattern[e]];
      int start = p - entryOffset[e];
      if (start >= 0 && start + pattern.length <= bytes.length
          && Arrays.equals(bytes, start, start + pattern.length, pattern, 0, pattern.length)) {
        sink.match(entryPattern[e], start + pattern.length);
      }
    }
  }

  /** Table entries in bytes, for the automaton's size. */
  long bytes() {
    long bytes = 8L * filter.length + 12L * slotWindow.length + 8L * entryPattern.length;
    for (byte[] pattern : patterns) {
      bytes += 16 + pattern.length;
    }
    return bytes;
  }

  private int windowsOf(String pattern) {
    return pattern.length() < GRAM ? 0 : Math.min(stride, pattern.length() - GRAM + 1);
  }

  private static int window(char a, char b, char c, char d) {
    return a | b << 8 | c << 16 | d << 24;
  }

  private static int hash(int window) {
    return window * 0x9E3779B1;
  }
}
