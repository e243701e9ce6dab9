package io.phonehome.audit;

import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.detect.DetectorLimits;
import io.phonehome.detect.IdentitySet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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
    return run(flows.iterator(), identity, policy, limits);
  }

  /**
   * Audits flows as they come: each is scanned, judged and dropped, so only the findings
   * stay in memory. Findings are in the order of the flows.
   */
  public static AuditResult run(Iterator<Flow> flows, IdentitySet identity, ConsentPolicy policy,
      DetectorLimits limits) {
    Objects.requireNonNull(flows, "flows");
    AuditRun run = new AuditRun(identity, policy, limits);
    flows.forEachRemaining(run::add);
    return run.result();
  }

  /** {@link #run(Iterator, IdentitySet, ConsentPolicy, DetectorLimits)} over a stream, with the default limits. */
  public static AuditResult run(Stream<Flow> flows, IdentitySet identity, ConsentPolicy policy) {
    try (flows) {
      return run(flows.iterator(), identity, policy, DetectorLimits.DEFAULT);
    }
  }
}
