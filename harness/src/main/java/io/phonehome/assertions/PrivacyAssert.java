package io.phonehome.assertions;

import io.phonehome.capture.Flow;
import io.phonehome.consent.HostGlob;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a device sent. Obtain one with {@link PrivacyAssertions#assertThat}.
 * A failure lists each offending flow with method, URL, identifier, encoding, location
 * and the consent state that forbade it, and counts the flows that could not be verified.
 */
public class PrivacyAssert extends AbstractAssert<PrivacyAssert, CaptureVerdict> {

  protected PrivacyAssert(CaptureVerdict actual) {
    super(actual, PrivacyAssert.class);
  }

  /**
   * Passes when no finding is unconsented. Flows whose content the channel hid
   * (tls-refused, quic) are counted in the message but do not fail this assertion.
   */
  public PrivacyAssert hasNoUnconsentedUploads() {
    isNotNull();
    if (!actual.unconsented().isEmpty()) {
      failWithMessage("%s", UnconsentedUploadsMessage.build(actual));
    }
    return this;
  }

  /**
   * Passes when no flow at all, with or without identifiers, went to a host matching
   * {@code hostGlob} (e.g. {@code "*.xiaomi.com"}; see {@link HostGlob}).
   */
  public PrivacyAssert sentNothingTo(String hostGlob) {
    isNotNull();
    HostGlob glob = new HostGlob(hostGlob);
    List<Flow> offending = actual.flows().stream().filter(f -> glob.matches(f.host())).toList();
    if (!offending.isEmpty()) {
      failWithMessage("%s", SentToHostMessage.build(actual, glob, offending));
    }
    return this;
  }
}
