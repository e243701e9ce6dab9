package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A routed WebDriver command: the values taken from its path and its JSON body. */
record Request(Map<String, String> params, JsonNode body) {
  String param(String name) {
    return params.get(name);
  }

  /** A string field of the body, or invalid argument naming it. */
  String string(String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual()) {
      throw W3cError.invalidArgument("'" + field + "' must be a string in the request body");
    }
    return v.asText();
  }
}
