package io.phonehome.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-pattern search in one pass over the text, so that hundreds of needles cost no
 * more than one when a body is megabytes long.
 */
final class AhoCorasick {
  private final List<Map<Character, Integer>> next = new ArrayList<>();
  private final List<int[]> outputs = new ArrayList<>();
  private int[] fail = new int[0];
  private final int[] rootNext = new int[Character.MAX_VALUE + 1];

  AhoCorasick(List<String> patterns) {
    newNode();
    for (int p = 0; p < patterns.size(); p++) {
      int node = 0;
      for (char c : patterns.get(p).toCharArray()) {
        Integer child = next.get(node).get(c);
        if (child == null) {
          child = newNode();
          next.get(node).put(c, child);
        }
        node = child;
      }
      outputs.set(node, append(outputs.get(node), p));
    }
    link();
  }

  private int newNode() {
    next.add(new HashMap<>(4));
    outputs.add(new int[0]);
    return next.size() - 1;
  }

  private void link() {
    fail = new int[next.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (Map.Entry<Character, Integer> e : next.get(0).entrySet()) {
      rootNext[e.getKey()] = e.getValue();
      queue.add(e.getValue());
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (Map.Entry<Character, Integer> e : next.get(node).entrySet()) {
        int child = e.getValue();
        fail[child] = step(fail[node], e.getKey());
        outputs.set(child, concat(outputs.get(child), outputs.get(fail[child])));
        queue.add(child);
      }
    }
  }

  private int step(int node, char c) {
    while (node != 0) {
      Integer child = next.get(node).get(c);
      if (child != null) {
        return child;
      }
      node = fail[node];
    }
    return rootNext[c];
  }

  /** Receives each occurrence: the pattern's index and the text index just past its end. */
  @FunctionalInterface
  interface MatchSink {
    void match(int pattern, int end);
  }

  /** Reports every occurrence of every pattern. */
  void search(String text, MatchSink sink) {
    int node = 0;
    for (int i = 0; i < text.length(); i++) {
      node = step(node, text.charAt(i));
      for (int p : outputs.get(node)) {
        sink.match(p, i + 1);
      }
    }
  }

  private static int[] append(int[] a, int v) {
    int[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    if (b.length == 0) {
      return a;
    }
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
