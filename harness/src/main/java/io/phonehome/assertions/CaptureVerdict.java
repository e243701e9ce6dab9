package io.phonehome.assertions;

import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.JudgedFinding;
import java.util.List;
import java.util.Objects;

/**
 * What a privacy assertion looks at: the device, every flow it sent while watched, and
 * the findings judged against its consent state.
 *
 * @param device the device name from devices.yaml
 * @param flows every flow examined
 * @param findings the judged findings of those flows
 */
public record CaptureVerdict(String device, List<Flow> flows, List<JudgedFinding> findings) {
  public CaptureVerdict {
    Objects.requireNonNull(device, "device");
    flows = List.copyOf(flows);
    findings = List.copyOf(findings);
  }

  /** The verdict of an audit of {@code flows}. */
  public static CaptureVerdict of(String device, List<Flow> flows, AuditResult audit) {
    return new CaptureVerdict(device, flows, audit.findings());
  }

  public List<JudgedFinding> unconsented() {
    return findings.stream().filter(JudgedFinding::unconsented).toList();
  }

  public List<JudgedFinding> unverifiable() {
    return findings.stream().filter(JudgedFinding::unverifiable).toList();
  }
}
