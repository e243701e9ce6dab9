package io.phonehome.assertions;

/**
 * Entry point of the privacy assertions.
 *
 * <pre>{@code
 * import static io.phonehome.assertions.PrivacyAssertions.assertThat;
 *
 * AuditResult audit = Audit.run(flows, identity, new OptOutPolicy(consentState));
 * assertThat(CaptureVerdict.of("virtual-leaky", flows, audit))
 *     .hasNoUnconsentedUploads()
 *     .sentNothingTo("*.xiaomi.com");
 * }</pre>
 */
public final class PrivacyAssertions {
  private PrivacyAssertions() {}

  public static PrivacyAssert assertThat(CaptureVerdict actual) {
    return new PrivacyAssert(actual);
  }
}
