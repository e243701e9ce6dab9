package io.phonehome.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names the JSON value at given offsets of a JSON text ({@code $.device.imei},
 * {@code $.contacts[1]}), so that a finding says where in a JSON body the value was. The
 * detector searches the raw text once and asks for paths only where something matched:
 * one streaming pass, no tree, however large the body.
 */
final class JsonPaths {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(256).maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
      .build();

  private JsonPaths() {}

  /** Whether the text starts, after white space, like a JSON object or array. */
  static boolean looksJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return true;
      }
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\ufeff') {
        return false;
      }
    }
    return false;
  }

  /**
   * For each offset (ascending), the path of the scalar or field name holding it; null
   * where it lies between tokens or past the point where the text stops being JSON.
   */
  static String[] resolve(String text, int[] offsets) {
    String[] out = new String[offsets.length];
    if (offsets.length == 0) {
      return out;
    }
    int next = 0;
    try (JsonParser parser = FACTORY.createParser(Bytes.ofLatin1(text))) {
      JsonToken token;
      while (next < offsets.length && (token = parser.nextToken()) != null) {
        if (token.isStructStart() || token.isStructEnd()) {
          continue;
        }
        long start = parser.currentTokenLocation().getByteOffset();
        if (token == JsonToken.VALUE_STRING) {
          parser.finishToken();
        }
        long end = parser.currentLocation().getByteOffset();
        while (next < offsets.length && offsets[next] < start) {
          next++;
        }
        while (next < offsets.length && offsets[next] < end) {
          out[next++] = path(parser.getParsingContext(), token == JsonToken.FIELD_NAME);
        }
      }
    } catch (IOException | RuntimeException notJson) {
      // offsets after the point where the text stops being JSON keep no path
    }
    return out;
  }

  private static String path(JsonStreamContext context, boolean fieldName) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(member(c.getCurrentName()));
      }
    }
    return "$" + String.join("", parts) + (fieldName ? " (name)" : "");
  }

  private static String member(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_-]*") ? "." + name : "['" + name.replace("'", "\\'") + "']";
  }
}
