package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/**
 * The opt-out scenario: through the phone's own UI, turn off every switch in Settings &gt;
 * Privacy; read the settings back over adb; reboot (the opt-out must hold at power-on);
 * watch the traffic for the device's observe time; then nothing carrying an identifier
 * may have left the phone since the opt-out.
 */
public class OptOutCloudTest {
  static final Duration BOOT_TIMEOUT = Duration.ofMinutes(2);

  @Test(dataProvider = "devices", dataProviderClass = Devices.class, description = "No upload after opting out of the vendor cloud")
  public void noUploadAfterOptOut(String device) {
    Allure.label("device", device);
    Allure.label("feature", "opt-out");
    DeviceUnderTest dut = LabSession.get().device(device);
    String test = getClass().getSimpleName() + ".noUploadAfterOptOut";
    ScenarioSteps.attachIdentity(dut);

    Map<String, String> changed = ScenarioSteps.setPrivacySwitches(dut, false);
    ConsentState optedOut = ScenarioSteps.consentState(dut, changed);
    Instant since = Instant.now();
    Allure.step("reboot", () -> dut.reboot(BOOT_TIMEOUT));
    Map<String, String> reverted = SettingsSnapshot.read(dut.phone()).differingFrom(changed);
    Progress.device(device, "rebooted" + (reverted.isEmpty() ? ", opt-out held" : ", opt-out LOST: " + reverted));

    ScenarioSteps.observe(dut);
    List<Flow> flows = dut.flowsSince(since);
    AuditResult result = ScenarioSteps.judge(dut, test, "since the opt-out", flows, dut.identity(),
        ScenarioSteps.policy(dut, ConsentTimeline.starting(since, optedOut), optedOut));

    org.assertj.core.api.Assertions.assertThat(reverted)
        .as("%s: settings the opt-out changed must hold after a reboot", device)
        .isEmpty();
    assertThat(CaptureVerdict.of(device, flows, result)).hasNoUnconsentedUploads();
  }
}
