package io.phonehome.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class UnconsentedUploadsMessageTest {
  @Test
  public void lists_each_offending_finding_with_its_consent_state_and_counts_unverifiable() {
    CaptureVerdict verdict = Verdicts.of(Verdicts.harmless(0), Verdicts.activation(1), Verdicts.pinned(2));

    assertThat(UnconsentedUploadsMessage.build(verdict)).isEqualTo(
        "Expected virtual-leaky to upload nothing without consent, but 1 of 3 flows carried 2 identifiers"
            + " (flow: method URL | identifier | encoding | location | consent state):\n"
            + "  flow 1: POST https://api.account.xiaomi.com/pass/v3/activate | imei | plain"
            + " | body (field imei) | forbidden by secure:cloud_messaging=0, secure:cloud_sync=0:"
            + " after the opt-out nothing carrying an identifier may leave\n"
            + "  flow 1: POST https://api.account.xiaomi.com/pass/v3/activate | phone-number | base64"
            + " | body (field n) | forbidden by secure:cloud_messaging=0, secure:cloud_sync=0:"
            + " after the opt-out nothing carrying an identifier may leave\n"
            + "1 flow could not be verified (content hidden: tls-refused or quic, or not read whole past a limit)");
  }

  @Test
  public void a_proxy_flow_and_a_pcap_flow_of_the_same_number_count_as_two_and_are_named_apart() {
    CaptureVerdict verdict = Verdicts.of(Verdicts.activation(0), Verdicts.direct(0));

    assertThat(UnconsentedUploadsMessage.build(verdict))
        .startsWith("Expected virtual-leaky to upload nothing without consent, but 2 of 2 flows carried 3 identifiers")
        .contains("\n  flow 0: POST https://api.account.xiaomi.com/pass/v3/activate | imei | plain")
        .contains("\n  pcap flow 0: GET http://203.0.113.7/report?imei=");
  }

  @Test
  public void says_when_no_flow_was_unverifiable() {
    CaptureVerdict verdict = Verdicts.of(Verdicts.activation(0));

    assertThat(UnconsentedUploadsMessage.build(verdict))
        .endsWith("\n0 flows could not be verified (content hidden: tls-refused or quic, or not read whole past a limit)");
  }
}
