package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.qameta.allure.Allure;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The SMS scenario of the 2014 case, for the two personas labs use. The user who
 * declines every privacy switch sends a text and adds a contact: the text must go
 * through the carrier, and nothing about it (body, recipient, sender, contacts) may
 * leave over data in any encoding. The user who accepts every switch does the same:
 * uploads the device's consent policy allows under the switches now on pass, anything
 * else fails. Planted values are fresh each run, and each persona sends two texts of
 * clearly different lengths: an upload whose size or presence follows the text is
 * reported even when no transform reveals it (encoding {@code opaque}; see
 * docs/differential.md).
 */
public class SmsSendTest {
  @Test(dataProvider = "devices", dataProviderClass = Devices.class, priority = 1,
      description = "Declined: a sent SMS goes through the carrier and nothing about it leaves over data")
  public void declined(String device) {
    run(device, false);
  }

  @Test(dataProvider = "devices", dataProviderClass = Devices.class, priority = 2,
      description = "Accepted: SMS and contact uploads go only where the consent policy allows")
  public void accepted(String device) {
    run(device, true);
  }

  private void run(String device, boolean accept) {
    String persona = accept ? "accepted" : "declined";
    Allure.label("device", device);
    Allure.label("feature", "sms-send");
    Allure.parameter("persona", persona);
    DeviceUnderTest dut = Run.current().lab().device(device);
    if (!dut.hasSim()) {
      throw new SkipException(device + " has no SIM: the SMS scenario needs one");
    }
    String test = getClass().getSimpleName() + "." + persona;
    ScenarioSteps.attachIdentity(dut);

    SmsScenario.TwoRuns r = SmsScenario.runTwice(dut, accept, test, persona);

    if (!accept) {
      for (SmsScenario.Result run : List.of(r.first(), r.second())) {
        org.assertj.core.api.Assertions.assertThat(run.carrier())
            .as("%s: with every privacy switch declined, the SMS to %s must go through the carrier,"
                + " but the telephony log has no carrier send for it", device, run.planted().smsTo())
            .isPresent();
      }
    }
    assertThat(new CaptureVerdict(device, r.flows(), r.findings())).hasNoUnconsentedUploads();
  }
}
