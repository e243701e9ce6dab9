/**
 * Consent: what the phone's settings allow, and the verdict on each finding.
 * {@link io.phonehome.consent.ConsentPolicy} is one method. A consent policy file
 * ({@link io.phonehome.consent.ConsentPolicyFile}, format in docs/consent-policy.md)
 * judges each finding under the state a {@link io.phonehome.consent.ConsentTimeline} had
 * at its flow's time; without a file, {@link io.phonehome.consent.OptOutPolicy} consents
 * to nothing carrying an identifier.
 */
package io.phonehome.consent;
