package io.phonehome.consent;

/** How a finding stands against the phone's consent state. */
public enum Consent {
  /** The user allowed this upload. */
  CONSENTED,
  /** The user did not allow it: the suite fails. */
  UNCONSENTED,
  /**
   * The channel hid the content (TLS the phone refused to open with the lab CA, QUIC):
   * listed and shown, but it does not fail the verdict, since nothing was seen.
   */
  UNVERIFIABLE
}
