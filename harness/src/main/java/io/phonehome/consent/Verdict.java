package io.phonehome.consent;

import java.util.Objects;

/**
 * A policy's judgement of one finding.
 *
 * @param consent consented, unconsented or unverifiable
 * @param reason one sentence a reader of the report understands
 * @param state the consent state that applied
 */
public record Verdict(Consent consent, String reason, ConsentState state) {
  public Verdict {
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(state, "state");
  }

  /** True only when the user allowed the upload. */
  public boolean consented() {
    return consent == Consent.CONSENTED;
  }

  /** True when this finding fails the suite. */
  public boolean unconsented() {
    return consent == Consent.UNCONSENTED;
  }

  public boolean unverifiable() {
    return consent == Consent.UNVERIFIABLE;
  }
}
