package io.phonehome.report.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a findings.json back (the report, run comparisons). Extra fields are ignored;
 * a missing contract field is an error naming the file and the entry.
 */
public final class FindingsJsonReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> REQUIRED =
      List.of("flow", "host", "channel", "identifier", "encoding", "location", "consented");

  private FindingsJsonReader() {}

  public static FindingsReport read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read findings: " + e.getMessage(), e);
    }
  }

  /** Parses findings JSON; {@code source} names it in error messages. */
  public static FindingsReport parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FindingsFormatException(source + ":" + e.getLocation().getLineNr()
          + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("flows").canConvertToInt()
        || !root.path("findings").isArray()) {
      throw new FindingsFormatException(source + ": expected {\"flows\": N, \"findings\": [...]}");
    }
    List<FindingEntry> entries = new ArrayList<>();
    JsonNode findings = root.get("findings");
    for (int i = 0; i < findings.size(); i++) {
      JsonNode entry = findings.get(i);
      for (String field : REQUIRED) {
        if (!entry.hasNonNull(field)) {
          throw new FindingsFormatException(source + ": findings[" + i + "] has no " + field);
        }
      }
      try {
        entries.add(MAPPER.treeToValue(entry, FindingEntry.class));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new FindingsFormatException(source + ": findings[" + i + "] is malformed: "
            + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    int flows = root.get("flows").asInt();
    if (flows < 0) {
      throw new FindingsFormatException(source + ": flows must be >= 0, was " + flows);
    }
    return new FindingsReport(flows, entries);
  }
}
