package io.phonehome.assertions;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.testng.annotations.Test;

public class PrivacyAssertTest {
  @Test
  public void identifier_free_capture_has_no_unconsented_uploads() {
    assertThat(Verdicts.of(Verdicts.harmless(0), Verdicts.harmless(1))).hasNoUnconsentedUploads();
  }

  @Test
  public void tls_refused_flow_does_not_fail_has_no_unconsented_uploads() {
    assertThat(Verdicts.of(Verdicts.harmless(0), Verdicts.pinned(1))).hasNoUnconsentedUploads();
  }

  @Test
  public void upload_of_imei_after_opt_out_fails() {
    CaptureVerdict verdict = Verdicts.of(Verdicts.harmless(0), Verdicts.activation(1));

    assertThatThrownBy(() -> assertThat(verdict).hasNoUnconsentedUploads())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("imei");
  }

  @Test
  public void sent_nothing_to_passes_when_no_flow_went_there() {
    assertThat(Verdicts.of(Verdicts.harmless(0))).sentNothingTo("*.xiaomi.com");
  }

  @Test
  public void sent_nothing_to_fails_even_without_identifiers() {
    CaptureVerdict verdict = Verdicts.of(Verdicts.pinned(0));

    assertThatThrownBy(() -> assertThat(verdict).sentNothingTo("*.xiaomi.com"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("sdk.open.talk.xiaomi.com");
  }

  @Test
  public void assertions_chain() {
    assertThat(Verdicts.of(Verdicts.harmless(0)))
        .hasNoUnconsentedUploads()
        .sentNothingTo("*.xiaomi.com")
        .sentNothingTo("*.mi.com");
  }
}
