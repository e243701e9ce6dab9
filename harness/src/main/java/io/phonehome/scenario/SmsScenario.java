package io.phonehome.scenario;

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

/**
 * The SMS steps, for the SMS test and the firmware regression: every privacy switch on
 * or off through the UI, an SMS and a contact with planted values through the phone's
 * apps, observe, judge, and which way the SMS went.
 */
final class SmsScenario {
  static final String ORIGIN = "planted";

  /** What the steps found; {@code carrier} is the carrier's trace of the SMS, if it took that path. */
  record Result(AuditResult audit, List<Flow> flows, Optional<CarrierTrace> carrier, Canaries planted) {}

  private SmsScenario() {}

  static Result run(DeviceUnderTest dut, boolean accept, String test, String step) {
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
    Progress.device(dut.name(), (accept ? "accepted" : "declined") + ": SMS sent to " + planted.smsTo() + ", contact "
        + planted.contactName() + " added");

    ScenarioSteps.observe(dut);
    List<Flow> flows = dut.flowsSince(since);
    IdentitySet hunted = dut.identity().merge(IdentitySet.builder()
        .add("sms.body", planted.smsBody(), ORIGIN)
        .add("sms.to", planted.smsTo(), ORIGIN)
        .add("contacts", planted.contactNumber(), ORIGIN)
        .add(IdentitySet.CANARY, planted.contactName(), ORIGIN)
        .build());
    AuditResult result = ScenarioSteps.judge(dut, test, step, flows, hunted,
        ScenarioSteps.policy(dut, timeline, state));

    return new Result(result, flows, smsPath(dut, planted, result), planted);
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
