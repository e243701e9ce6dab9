package io.phonehome.report.findings;

import io.phonehome.audit.AuditResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a findings.json: how many flows were examined and what was found.
 *
 * <pre>{@code
 * FindingsReport report = FindingsReport.of("virtual-leaky", "OptOutCloudTest.noUploadAfterOptOut", audit);
 * FindingsJsonWriter.write(report, runDir.resolve("findings.json"));
 * }</pre>
 */
public record FindingsReport(int flows, List<FindingEntry> findings) {
  public FindingsReport {
    if (flows < 0) {
      throw new IllegalArgumentException("flows must be >= 0, was " + flows);
    }
    findings = List.copyOf(findings);
  }

  public static FindingsReport empty() {
    return new FindingsReport(0, List.of());
  }

  /** The report of one audit; device and test may be null (an offline audit). */
  public static FindingsReport of(String device, String test, AuditResult audit) {
    return new FindingsReport(audit.flows(),
        audit.findings().stream().map(j -> FindingEntry.of(device, test, j)).toList());
  }

  /** This report with each finding marked as seen in try {@code n} of a retried test. */
  public FindingsReport inTry(int n) {
    return new FindingsReport(flows, findings.stream().map(f -> f.inTry(n)).toList());
  }

  /** This report and another one, as one run's report: flows add up, findings append. */
  public FindingsReport plus(FindingsReport other) {
    List<FindingEntry> all = new ArrayList<>(findings);
    all.addAll(other.findings);
    return new FindingsReport(flows + other.flows, all);
  }

  public List<FindingEntry> unconsented() {
    return findings.stream().filter(FindingEntry::unconsented).toList();
  }
}
