package io.phonehome.assertions;

import io.phonehome.consent.JudgedFinding;
import java.util.List;

/** The failure message of {@code hasNoUnconsentedUploads()}. */
final class UnconsentedUploadsMessage {
  private UnconsentedUploadsMessage() {}

  static String build(CaptureVerdict verdict) {
    List<JudgedFinding> offending = verdict.unconsented();
    long flows = offending.stream().map(j -> j.finding().flowId()).distinct().count();
    StringBuilder out = new StringBuilder();
    out.append("Expected ").append(verdict.device())
        .append(" to upload nothing without consent, but ").append(flows).append(" of ")
        .append(verdict.flows().size()).append(" flows carried ").append(offending.size())
        .append(offending.size() == 1 ? " identifier" : " identifiers")
        .append(" (flow: method URL | identifier | encoding | location | consent state):\n");
    offending.forEach(j -> out.append(FindingLine.of(j)).append('\n'));
    out.append(FindingLine.unverifiableCount(verdict.unverifiable().size()));
    return out.toString();
  }
}
