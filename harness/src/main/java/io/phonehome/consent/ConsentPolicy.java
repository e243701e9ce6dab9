package io.phonehome.consent;

import io.phonehome.detect.Finding;

/**
 * Decides whether the user consented to one finding. Implementations hold the consent
 * state (or the consent timeline) they judge against; a finding carries its flow's time.
 *
 * <pre>{@code
 * // a policy file over the states a scenario recorded (docs/consent-policy.md)
 * ConsentPolicy policy = ConsentPolicyFile.read(Path.of("policies/leaky-2014-08.yaml")).under(timeline);
 * // no policy file: nothing carrying an identifier is consented
 * ConsentPolicy none = new OptOutPolicy(ConsentState.of(Map.of("secure:cloud_sync", "0")));
 * Verdict verdict = policy.judge(finding);
 * }</pre>
 */
@FunctionalInterface
public interface ConsentPolicy {
  Verdict judge(Finding finding);
}
