package io.phonehome.consent;

/** How a finding stands against the phone's consent state. */
public enum Consent {
  /** The user allowed this upload. */
  CONSENTED,
  /** The user did not allow it: the suite fails. */
  UNCONSENTED,
  /**
   * The channel hid the content (TLS the phone refused to open with the lab CA, QUIC), or a
   * limit kept the detector from reading it whole (a body past the inflate cap, an upload
   * the capture holds only part of): listed and shown with the channel or the limit, but it
   * does not fail the verdict, since what was not read proves nothing either way.
   */
  UNVERIFIABLE
}
