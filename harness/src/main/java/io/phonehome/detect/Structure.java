package io.phonehome.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a haystack is made of, as far as naming where a match lies: JSON (named by path,
 * {@code json $.device.imei}), protobuf (by field numbers, {@code protobuf field 1.3}, and
 * with its numeric fields to compare against numeric identifiers), or plain text (named by
 * the part alone). JSON paths are computed only for the offsets asked for, in one pass.
 */
final class Structure {
  private static final int MAX_PROTOBUF_FIELDS = 100_000;
  private static final Structure TEXT = new Structure(false, null);

  private final boolean json;
  private final Protobuf.Message protobuf;

  private Structure(boolean json, Protobuf.Message protobuf) {
    this.json = json;
    this.protobuf = protobuf;
  }

  static Structure of(Haystack h) {
    String text = h.text();
    if (JsonPaths.looksJson(text)) {
      return new Structure(true, null);
    }
    String type = h.contentType();
    boolean declared = type.contains("protobuf") || type.contains("grpc") || type.endsWith("proto");
    if ((declared || Protobuf.looksBinary(text)) && !Decoding.looksGzip(text)) {
      Optional<Protobuf.Message> message = Protobuf.parse(text, MAX_PROTOBUF_FIELDS);
      if (message.isPresent()) {
        return new Structure(false, message.get());
      }
    }
    return TEXT;
  }

  boolean isProtobuf() {
    return protobuf != null;
  }

  /**
   * Whether a match that runs into its neighbours stands alone within the protobuf field
   * holding it: the bytes around a field are its length and the next tag, not more of it.
   */
  boolean standsAloneInField(Needle needle, String text, int start, int end) {
    if (protobuf == null) {
      return false;
    }
    Protobuf.Span best = protobuf.innermost(start, end).orElse(null);
    return best != null && (best.start() == start || best.end() == end)
        && needle.standsAlone(text.subSequence(best.start(), best.end()), start - best.start(), end - best.start());
  }

  /** The length-delimited fields of a protobuf message; none for other structures. */
  List<Protobuf.Span> spans() {
    return protobuf == null ? List.of() : protobuf.spans();
  }

  /** The numeric fields of a protobuf message; none for other structures. */
  List<Protobuf.Number> numbers() {
    return protobuf == null ? List.of() : protobuf.numbers();
  }

  /** For each offset, the haystack's detail refined by where in the structure it lies. */
  Map<Integer, String> details(Haystack h, int[] offsets) {
    Map<Integer, String> out = new HashMap<>();
    if (json) {
      int[] sorted = Arrays.stream(offsets).distinct().sorted().toArray();
      String[] paths = JsonPaths.resolve(h.text(), sorted);
      for (int i = 0; i < sorted.length; i++) {
        out.put(sorted[i], paths[i] == null ? h.detail() : compose(h.detail(), "json " + paths[i]));
      }
    } else {
      for (int offset : offsets) {
        out.computeIfAbsent(offset, o -> protobuf == null ? h.detail()
            : protobuf.pathAt(o).map(p -> compose(h.detail(), "protobuf field " + p)).orElse(h.detail()));
      }
    }
    return out;
  }

  /** A part's name and a place inside it; a whole body is named by the place alone. */
  static String compose(String part, String place) {
    return part.equals("body") ? place : part + " " + place;
  }
}
