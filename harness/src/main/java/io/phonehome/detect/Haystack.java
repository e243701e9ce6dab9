package io.phonehome.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of a flow to search, as bytes in an ISO-8859-1 string.
 *
 * @param detail which part ({@code path}, {@code param n}, a header or cookie name,
 *     {@code field n}, {@code part n}, {@code body}), later refined by where in a JSON or
 *     protobuf body a match lies
 * @param layers the decodings undone to reach this text, innermost first
 * @param text the bytes
 * @param urlEncoded whether the text is url/form encoded ({@code +} for space)
 * @param contentType the media type the sender declared for these bytes, lower case; empty
 *     when none or unknown
 */
record Haystack(Location location, String detail, List<String> layers, String text,
    boolean urlEncoded, String contentType) {

  Haystack {
    layers = List.copyOf(layers);
  }

  static Haystack root(Location location, String detail, String text, boolean urlEncoded) {
    return new Haystack(location, detail, List.of(), text, urlEncoded, "");
  }

  Haystack withContentType(String type) {
    return new Haystack(location, detail, layers, text, urlEncoded, type);
  }

  /** The text under one more decoding, found in this part (or a named place of it). */
  Haystack decoded(String layer, String where, String decodedText) {
    List<String> deeper = new ArrayList<>();
    deeper.add(layer);
    deeper.addAll(layers);
    return new Haystack(location, where, deeper, decodedText, false, "");
  }

  Haystack decoded(String layer, String decodedText) {
    return decoded(layer, detail, decodedText);
  }
}
