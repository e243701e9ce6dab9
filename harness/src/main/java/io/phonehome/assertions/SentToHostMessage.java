package io.phonehome.assertions;

import io.phonehome.capture.Flow;
import io.phonehome.consent.HostGlob;
import io.phonehome.consent.JudgedFinding;
import java.util.List;

/** The failure message of {@code sentNothingTo(hostGlob)}. */
final class SentToHostMessage {
  private SentToHostMessage() {}

  static String build(CaptureVerdict verdict, HostGlob glob, List<Flow> offending) {
    StringBuilder out = new StringBuilder();
    out.append("Expected ").append(verdict.device()).append(" to send nothing to ").append(glob)
        .append(", but ").append(offending.size()).append(" of ").append(verdict.flows().size())
        .append(" flows went there:\n");
    for (Flow flow : offending) {
      List<JudgedFinding> found = verdict.findings().stream()
          .filter(j -> j.finding().flowId().equals(flow.id()))
          .toList();
      if (found.isEmpty()) {
        out.append("  ").append(flow.id()).append(": ")
            .append(flow.method().isEmpty() ? "" : flow.method() + " ").append(flow.url())
            .append(" | ").append(flow.channel().wireName()).append(" | no identifier found\n");
      } else {
        found.forEach(j -> out.append(FindingLine.of(j)).append('\n'));
      }
    }
    out.append(FindingLine.unverifiableCount(verdict.unverifiable().size()));
    return out.toString();
  }
}
