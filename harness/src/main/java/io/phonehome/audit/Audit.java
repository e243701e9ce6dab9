package io.phonehome.audit;

import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Detector;
import io.phonehome.detect.DetectorLimits;
import io.phonehome.detect.Finding;
import io.phonehome.detect.FlowScan;
import io.phonehome.detect.IdentitySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Detection and judgement of a capture in one call: the core of {@code phonehome audit}
 * and of every scenario's verdict.
 *
 * <pre>{@code
 * AuditResult result = Audit.run(flows, identity,
 *     ConsentPolicyFile.read(policyFile).under(timeline));   // or OptOutPolicy.withUnknownState()
 * System.out.print(AuditTable.render(result));
 * System.exit(result.exitCode());
 * }</pre>
 */
public final class Audit {
  private Audit() {}

  public static AuditResult run(List<Flow> flows, IdentitySet identity, ConsentPolicy policy) {
    return run(flows, identity, policy, DetectorLimits.DEFAULT);
  }

  public static AuditResult run(List<Flow> flows, IdentitySet identity, ConsentPolicy policy,
      DetectorLimits limits) {
    Objects.requireNonNull(flows, "flows");
    Objects.requireNonNull(policy, "policy");
    Detector detector = new Detector(identity, limits);
    List<JudgedFinding> judged = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Flow flow : flows) {
      FlowScan scan = detector.scan(flow);
      for (Finding finding : scan.findings()) {
        judged.add(new JudgedFinding(finding, policy.judge(finding)));
      }
      notes.addAll(scan.notes());
    }
    return new AuditResult(flows.size(), judged, notes);
  }
}
