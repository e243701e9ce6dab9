package io.phonehome.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.detect.Detector;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.util.Map;
import org.testng.annotations.Test;

public class OptOutPolicyTest {
  private static final ConsentState OPTED_OUT = ConsentState.of(Map.of(
      "secure:cloud_sync", "0", "secure:cloud_messaging", "0"));

  private final Detector detector = new Detector(Identities.lab());
  private final OptOutPolicy policy = new OptOutPolicy(OPTED_OUT);

  @Test
  public void identifier_finding_after_opt_out_is_unconsented() {
    Finding finding = detector.scan(Flows.get("https://a.example.com/?i=" + Identities.IMEI).build())
        .findings().get(0);

    Verdict verdict = policy.judge(finding);

    assertThat(verdict.consent()).isEqualTo(Consent.UNCONSENTED);
    assertThat(verdict.consented()).isFalse();
    assertThat(verdict.unconsented()).isTrue();
    assertThat(verdict.reason()).isEqualTo("after the opt-out nothing carrying an identifier may leave");
    assertThat(verdict.state().describe()).isEqualTo("secure:cloud_messaging=0, secure:cloud_sync=0");
  }

  @Test
  public void tls_refused_flow_is_unverifiable_not_failing() {
    Finding hidden = detector.scan(Flows.tlsRefused(2, "sdk.open.talk.xiaomi.com")).findings().get(0);

    Verdict verdict = policy.judge(hidden);

    assertThat(verdict.consent()).isEqualTo(Consent.UNVERIFIABLE);
    assertThat(verdict.unconsented()).isFalse();
    assertThat(verdict.consented()).isFalse();
    assertThat(verdict.reason()).contains("tls-refused");
  }

  @Test
  public void flow_not_read_whole_is_unverifiable_and_the_reason_names_the_limit() {
    Finding unread = Finding.unread(Flows.post("https://a.example.com/u", "x").build(),
        "body past the 16 MiB inflate cap (gzip)");

    Verdict verdict = policy.judge(unread);

    assertThat(verdict.consent()).isEqualTo(Consent.UNVERIFIABLE);
    assertThat(verdict.reason()).isEqualTo(
        "not read whole (body past the 16 MiB inflate cap (gzip)); cannot tell what the rest carried");
  }

  @Test
  public void unknown_state_describes_itself() {
    assertThat(OptOutPolicy.withUnknownState().judge(Finding.hidden(Flows.tlsRefused(0, "x.example.com")))
        .state().describe()).isEqualTo("no consent settings recorded");
  }
}
