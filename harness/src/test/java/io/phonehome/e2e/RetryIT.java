package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * {@code lab.retries} in real runs of the smoke suite on one virtual handset: a try that
 * broke (its capture proxy killed mid-observe) runs again on the phone provisioned
 * afresh, with the broken try's evidence kept beside; a test that failed (the phone
 * uploaded its IMEI) is never run again.
 */
public class RetryIT {
  @Test
  public void a_broken_try_runs_again_on_a_fresh_provisioning_and_keeps_its_evidence() throws Exception {
    WatchFaultIT.Lab lab = WatchFaultIT.lab("retry-broken", WatchFaultIT.QUIET, 6, "127.0.0.1", ", retries: 1");
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] observing", 180);
      WatchFaultIT.kill(lab.mitmdump());
      run.awaitLine("re-provisioning for try 2 of 2", 120);

      HarnessProcess.Result r = run.finish(300);

      assertThat(r.exitCode()).as("exit 0: the second try watched the whole window\n%s", r.output()).isEqualTo(0);
      assertThat(r.output()).contains("PASSED   phone", "on try 2, try 1 BROKEN: ", "capture proxy lost at ")
          .doesNotContain("NOT RESTORED");
    }
    Path phone = lab.out().resolve("devices/phone");
    assertThat(phone.resolve("before-retry-1/why.txt")).content()
        .contains("OptOutCloudTest.noUploadAfterOptOut try 1 ended BROKEN: ", "capture proxy lost at ");
    assertThat(phone.resolve("before-retry-1/mitmdump.log")).as("the broken try's proxy log").isRegularFile();
    assertThat(phone.resolve("before-retry-1/capture.har")).as("the broken try's capture").isRegularFile();
    assertThat(phone.resolve("capture.har")).as("the second try's capture").isRegularFile();
    JsonNode findings = NightlySuiteIT.validFindings(lab.out().resolve("findings.json"));
    assertThat(findings.path("flows").asInt()).as("flows of both tries").isPositive();
    lab.assertNothingLeft();
  }

  @Test
  public void a_failed_test_is_never_retried() throws Exception {
    WatchFaultIT.Lab lab = WatchFaultIT.lab("retry-failed", WatchFaultIT.DRIP, 6, "127.0.0.1", ", retries: 2");
    HarnessProcess.Result r;
    try (HarnessProcess.Running run = lab.start()) {
      r = run.finish(300);
    }

    assertThat(r.exitCode()).as("exit 1: the IMEI left\n%s", r.output()).isEqualTo(1);
    assertThat(r.output()).contains("FAILED   phone").doesNotContain("re-provisioning", "try 2");
    assertThat(lab.out().resolve("devices/phone/before-retry-1")).doesNotExist();
    assertThat(NightlySuiteIT.validFindings(lab.out().resolve("findings.json")).findValuesAsText("identifier"))
        .contains("imei");
    lab.assertNothingLeft();
  }
}
