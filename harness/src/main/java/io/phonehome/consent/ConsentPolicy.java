package io.phonehome.consent;

import io.phonehome.detect.Finding;

/**
 * Decides whether the user consented to one finding. Implementations hold the consent
 * state they judge against.
 *
 * <pre>{@code
 * ConsentPolicy policy = new OptOutPolicy(ConsentState.of(Map.of("secure:cloud_sync", "0")));
 * Verdict verdict = policy.judge(finding);
 * }</pre>
 */
@FunctionalInterface
public interface ConsentPolicy {
  Verdict judge(Finding finding);
}
