package io.phonehome.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import io.phonehome.report.RunRecorder.Outcome;
import java.util.List;
import java.util.Map;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class RunRecorderTest {
  private static final String TEST = "OptOutCloudTest.noUploadAfterOptOut";

  private RunRecorder recorder;

  @BeforeMethod
  public void newRun() {
    recorder = new RunRecorder();
  }

  private static AuditResult audit(Flow flow) {
    return Audit.run(List.of(flow), Identities.lab(), new OptOutPolicy(ConsentState.of(Map.of())));
  }

  private static AuditResult clean() {
    return audit(Flows.get("https://fota.example.com/check?build=1").index(0).build());
  }

  private static AuditResult leak() {
    return audit(Flows.get("https://stats.example.com/s?i=" + Identities.IMEI).index(0).build());
  }

  @Test
  public void a_test_retried_after_a_broken_try_lists_the_try_and_numbers_the_audits() {
    recorder.audit("phone", TEST, clean());
    recorder.retried("phone", TEST, "phone: capture proxy lost at 10:00:01: mitmdump exited");
    recorder.audit("phone", TEST, clean());
    recorder.outcome("phone", TEST, Outcome.PASSED, "");

    RunRecorder.Entry e = recorder.entries().get(0);
    assertThat(e.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(e.tries()).isEqualTo(2);
    assertThat(e.earlierTries()).containsExactly("try 1 BROKEN: phone: capture proxy lost at 10:00:01: mitmdump exited");
    assertThat(recorder.audits()).extracting(RunRecorder.AuditEntry::attempt).containsExactly(1, 2);
    assertThat(e.audit().orElseThrow().flows()).as("both tries' flows").isEqualTo(2);
    assertThat(recorder.exitCode()).isZero();
    assertThat(recorder.retriesOn("phone")).as("the retries on the device, for before-retry-N").isEqualTo(1);
    assertThat(recorder.retriesOn("phone-2")).isZero();
  }

  @Test
  public void an_upload_seen_in_a_broken_try_fails_the_test_even_when_a_later_try_passes() {
    recorder.audit("phone", TEST, leak());
    assertThat(recorder.sawUnconsented("phone", TEST)).as("the retry analyzer's question").isTrue();
    recorder.retried("phone", TEST, "phone: adb link lost");
    recorder.audit("phone", TEST, clean());
    recorder.outcome("phone", TEST, Outcome.PASSED, "");

    RunRecorder.Entry e = recorder.entries().get(0);
    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.message()).isEqualTo("an unconsented upload was seen in an earlier try");
    assertThat(recorder.exitCode()).isEqualTo(1);
  }

  @Test
  public void a_test_that_broke_after_an_upload_was_seen_is_failed_with_the_break_named() {
    recorder.audit("phone", TEST, leak());
    recorder.outcome("phone", TEST, Outcome.BROKEN, "phone: adb link lost at 10:00:01: offline");

    RunRecorder.Entry e = recorder.entries().get(0);
    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.message()).isEqualTo("an unconsented upload was seen; then: phone: adb link lost at 10:00:01: offline");
    assertThat(e.tries()).isEqualTo(1);
    assertThat(recorder.exitCode()).isEqualTo(1);
  }

  @Test
  public void a_clean_broken_test_stays_broken_and_other_devices_do_not_count() {
    recorder.audit("other", TEST, leak());
    recorder.audit("phone", TEST, clean());
    recorder.outcome("phone", TEST, Outcome.BROKEN, "phone: bridge lost");

    assertThat(recorder.entries().get(0).outcome()).isEqualTo(Outcome.BROKEN);
    assertThat(recorder.sawUnconsented("phone", TEST)).isFalse();
    assertThat(recorder.exitCode()).isEqualTo(2);
  }

  @Test
  public void the_builds_of_a_firmware_comparison_share_the_tries_of_their_test() {
    recorder.retried("phone", "FirmwareRegressionTest.buildsCompared", "phone: adb link lost");
    recorder.audit("phone", "FirmwareRegressionTest.buildsCompared[patched]", clean());

    assertThat(recorder.tries("phone", "FirmwareRegressionTest.buildsCompared[patched]")).isEqualTo(2);
    assertThat(recorder.audits().get(0).attempt()).isEqualTo(2);
  }
}
