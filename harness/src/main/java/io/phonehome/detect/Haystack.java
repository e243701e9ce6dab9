package io.phonehome.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One part of a flow to search, as bytes in an ISO-8859-1 string.
 *
 * <p>Its {@link #detail()} is worked out when first asked for: where a decoded run lies in
 * a JSON body takes a pass over the body, and it is wanted only when something is found
 * in the run, which is seldom.
 */
final class Haystack {
  private final Location location;
  private Supplier<String> detailSource;
  private String detail;
  private final List<String> layers;
  private final String text;
  private final boolean urlEncoded;
  private final String contentType;

  /**
   * @param detail which part ({@code path}, {@code param n}, a header or cookie name,
   *     {@code field n}, {@code part n}, {@code body}), later refined by where in a JSON or
   *     protobuf body a match lies
   * @param layers the decodings undone to reach this text, innermost first
   * @param text the bytes
   * @param urlEncoded whether the text is url/form encoded ({@code +} for space)
   * @param contentType the media type the sender declared for these bytes, lower case; empty
   *     when none or unknown
   */
  private Haystack(Location location, Supplier<String> detail, List<String> layers, String text,
      boolean urlEncoded, String contentType) {
    this.location = location;
    this.detailSource = detail;
    this.layers = List.copyOf(layers);
    this.text = text;
    this.urlEncoded = urlEncoded;
    this.contentType = contentType;
  }

  static Haystack root(Location location, String detail, String text, boolean urlEncoded) {
    return new Haystack(location, () -> detail, List.of(), text, urlEncoded, "");
  }

  Haystack withContentType(String type) {
    return new Haystack(location, this::detail, layers, text, urlEncoded, type);
  }

  /** The text under one more decoding, found in this part (or a named place of it, given when asked for). */
  Haystack decoded(String layer, Supplier<String> where, String decodedText) {
    List<String> deeper = new ArrayList<>();
    deeper.add(layer);
    deeper.addAll(layers);
    return new Haystack(location, where, deeper, decodedText, false, "");
  }

  Haystack decoded(String layer, String decodedText) {
    return decoded(layer, this::detail, decodedText);
  }

  Location location() {
    return location;
  }

  String detail() {
    if (detail == null) {
      detail = detailSource.get();
      detailSource = null;
    }
    return detail;
  }

  List<String> layers() {
    return layers;
  }

  String text() {
    return text;
  }

  boolean urlEncoded() {
    return urlEncoded;
  }

  String contentType() {
    return contentType;
  }
}
