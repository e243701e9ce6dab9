package io.phonehome.detect;

import java.util.List;

/**
 * One part of a flow to search, as bytes in an ISO-8859-1 string.
 *
 * @param layers the decodings undone to reach this text, innermost first
 * @param urlEncoded whether the text is url/form encoded and worth decoding once
 */
record Haystack(Location location, String detail, List<String> layers, String text,
    boolean urlEncoded) {

  Haystack {
    layers = List.copyOf(layers);
  }

  static Haystack root(Location location, String detail, String text, boolean urlEncoded) {
    return new Haystack(location, detail, List.of(), text, urlEncoded);
  }

  Haystack decoded(String layer, String decodedText) {
    List<String> deeper = new java.util.ArrayList<>();
    deeper.add(layer);
    deeper.addAll(layers);
    return new Haystack(location, detail, deeper, decodedText, false);
  }
}
