package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.phonehome.detect.IdentitySet;
import io.phonehome.device.AppiumSession;
import io.phonehome.device.DeviceException;
import io.phonehome.device.phone.CarrierTrace;
import io.phonehome.device.phone.ContentRows;
import io.phonehome.device.phone.Logcat;
import io.qameta.allure.Allure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The SMS scenario of the 2014 case, for the two personas labs use. The user who
 * declines every privacy switch sends a text and adds a contact: the text must go
 * through the carrier, and nothing about it (body, recipient, sender, contacts) may
 * leave over data in any encoding. The user who accepts every switch does the same:
 * uploads the device's consent policy allows under the switches now on pass, anything
 * else fails. Planted values are fresh each run.
 */
public class SmsSendTest {
  static final String ORIGIN = "planted";

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
    DeviceUnderTest dut = LabSession.get().device(device);
    if (!dut.hasSim()) {
      throw new SkipException(device + " has no SIM: the SMS scenario needs one");
    }
    String test = getClass().getSimpleName() + "." + persona;
    ScenarioSteps.attachIdentity(dut);

    Map<String, String> changed = ScenarioSteps.setPrivacySwitches(dut, accept);
    ConsentState state = ScenarioSteps.consentState(dut, changed);
    Instant since = Instant.now();
    ConsentTimeline timeline = ConsentTimeline.starting(since, state);

    Canaries planted = Canaries.fresh();
    try (AppiumSession ui = dut.openAppium()) {
      Allure.step("send an SMS to " + planted.smsTo() + " through Messaging",
          () -> MessagingScreen.open(ui.driver()).send(planted.smsTo(), planted.smsBody()));
      ScenarioSteps.attachPng("screen after sending the SMS", ui.screenshot());
      Allure.step("add contact " + planted.contactName() + " through Contacts",
          () -> ContactsScreen.open(ui.driver()).add(planted.contactName(), planted.contactNumber()));
    }
    Progress.device(device, persona + ": SMS sent to " + planted.smsTo() + ", contact "
        + planted.contactName() + " added");

    ScenarioSteps.observe(dut);
    List<Flow> flows = dut.flowsSince(since);
    IdentitySet hunted = dut.identity().merge(IdentitySet.builder()
        .add("sms.body", planted.smsBody(), ORIGIN)
        .add("sms.to", planted.smsTo(), ORIGIN)
        .add("contacts", planted.contactNumber(), ORIGIN)
        .add(IdentitySet.CANARY, planted.contactName(), ORIGIN)
        .build());
    AuditResult result = ScenarioSteps.judge(dut, test, "after the SMS (" + persona + ")", flows, hunted,
        ScenarioSteps.policy(dut, timeline, state));

    Optional<CarrierTrace> carrier = smsPath(dut, planted, result);
    if (!accept) {
      org.assertj.core.api.Assertions.assertThat(carrier)
          .as("%s: with every privacy switch declined, the SMS to %s must go through the carrier,"
              + " but the telephony log has no carrier send for it", device, planted.smsTo())
          .isPresent();
    }
    assertThat(CaptureVerdict.of(device, flows, result)).hasNoUnconsentedUploads();
  }

  /**
   * Which way the SMS went, with the evidence for the report: the carrier when the
   * telephony log shows its send, else data. The sent box must hold it either way.
   */
  private static Optional<CarrierTrace> smsPath(DeviceUnderTest dut, Canaries planted, AuditResult result) {
    String device = dut.name();
    List<Map<String, String>> sent = ContentRows.parse(dut.phone().shell("content query --uri content://sms/sent"));
    boolean inSentBox = sent.stream().anyMatch(r -> planted.smsBody().equals(r.get("body")));
    if (!inSentBox) {
      throw new DeviceException(device + ": the SMS to " + planted.smsTo()
          + " is not in the sent box: the Messaging app did not send it");
    }
    Optional<CarrierTrace> trace = CarrierTrace.find(Logcat.parse(dut.phone().shell("logcat -d")), planted.smsTo());
    List<String> overData = result.findings().stream()
        .filter(j -> j.finding().identifier().equals("sms.body"))
        .map(j -> "flow " + j.finding().flow() + ": " + j.finding().method() + " " + j.finding().url()
            + " (" + j.finding().encoding() + ")")
        .distinct().toList();
    String path = trace.map(t -> "carrier\n" + t.evidence())
        .orElse("data (no carrier send in the telephony log)")
        + (overData.isEmpty() ? "\nno flow carried the body" : "\nflows carrying the body:\n  " + String.join("\n  ", overData));
    Allure.addAttachment("SMS path", "text/plain", "SMS to " + planted.smsTo() + ": " + path + "\n", "txt");
    Progress.device(device, "SMS path: " + (trace.isPresent() ? "carrier" : "data")
        + (overData.isEmpty() ? "" : ", body seen in " + overData.size() + " flow(s)"));
    return trace;
  }
}
