package io.phonehome.assertions;

import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;

/** One finding on one line, the way every failure message shows it. */
final class FindingLine {
  private FindingLine() {}

  static String of(JudgedFinding judged) {
    Finding f = judged.finding();
    String where = f.location().wireName() + (f.isHidden() && !f.isUnread() ? "" : " (" + f.detail() + ")");
    String bytes = f.bytes().map(b -> " (" + b.describe() + ")").orElse("");
    return "  " + f.flowId() + ": " + (f.method().isEmpty() ? "" : f.method() + " ") + f.url() + bytes
        + " | " + f.identifier() + " | " + f.encoding() + " | " + where
        + " | " + (judged.unconsented() ? "forbidden by " : "consent state ")
        + judged.verdict().state().describe() + ": " + judged.verdict().reason();
  }

  static String unverifiableCount(int count) {
    return count + (count == 1 ? " flow" : " flows")
        + " could not be verified (content hidden: tls-refused or quic, or not read whole past a limit)";
  }
}
