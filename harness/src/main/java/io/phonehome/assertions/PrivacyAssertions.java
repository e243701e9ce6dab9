package io.phonehome.assertions;

/**
 * Entry point of the privacy assertions.
 *
 * <pre>{@code
 * import static io.phonehome.assertions.PrivacyAssertions.assertThat;
 *
 * ConsentPolicy policy = ConsentPolicyFile.read(spec.consentPolicy().orElseThrow()).under(timeline);
 * AuditResult audit = Audit.run(flows, identity, policy);
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
