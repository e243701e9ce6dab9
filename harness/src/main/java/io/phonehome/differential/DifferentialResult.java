package io.phonehome.differential;

import io.phonehome.detect.Finding;
import java.util.List;

/**
 * What a differential comparison found.
 *
 * @param findings one {@code opaque} finding per endpoint and location whose size or
 *     presence follows a planted value, in flow order
 * @param notes one line per endpoint compared, saying why it was or was not reported
 */
public record DifferentialResult(List<Finding> findings, List<String> notes) {
  public DifferentialResult {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }
}
