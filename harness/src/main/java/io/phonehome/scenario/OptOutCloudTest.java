package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.qameta.allure.Allure;
import org.testng.annotations.Test;

/**
 * The opt-out scenario: through the phone's own UI, turn off every switch in Settings &gt;
 * Privacy; read the settings back over adb; reboot (the opt-out must hold at power-on);
 * watch the traffic for the device's observe time; then nothing carrying an identifier
 * may have left the phone since the opt-out.
 */
public class OptOutCloudTest {
  @Test(dataProvider = "devices", dataProviderClass = Devices.class, description = "No upload after opting out of the vendor cloud")
  public void noUploadAfterOptOut(String device) {
    Allure.label("device", device);
    Allure.label("feature", "opt-out");
    DeviceUnderTest dut = Run.current().lab().device(device);
    String test = getClass().getSimpleName() + ".noUploadAfterOptOut";
    ScenarioSteps.attachIdentity(dut);

    OptOutScenario.Result r = OptOutScenario.run(dut, test, "since the opt-out");

    org.assertj.core.api.Assertions.assertThat(r.reverted())
        .as("%s: settings the opt-out changed must hold after a reboot", device)
        .isEmpty();
    assertThat(CaptureVerdict.of(device, r.flows(), r.audit())).hasNoUnconsentedUploads();
  }
}
