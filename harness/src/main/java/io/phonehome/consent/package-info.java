/**
 * Consent: what the phone's settings allow, and the verdict on each finding.
 * {@link io.phonehome.consent.ConsentPolicy} is one method; v1 is
 * {@link io.phonehome.consent.OptOutPolicy}.
 */
package io.phonehome.consent;
