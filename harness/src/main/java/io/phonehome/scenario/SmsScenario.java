package io.phonehome.scenario;

import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditTable;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import io.phonehome.detect.IdentitySet;
import io.phonehome.differential.DifferentialResult;
import io.phonehome.differential.PlantedRun;
import io.phonehome.device.AppiumSession;
import io.phonehome.device.DeviceException;
import io.phonehome.device.IdentitySwitch;
import io.phonehome.device.Restoration;
import io.phonehome.device.phone.PhoneIdentity;
import io.phonehome.device.phone.CarrierTrace;
import io.phonehome.device.phone.ContentRows;
import io.phonehome.device.phone.Logcat;
import io.qameta.allure.Allure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SMS steps, for the SMS test and the firmware regression: every privacy switch on
 * or off through the UI, an SMS and a contact with planted values through the phone's
 * apps, observe, judge, and which way the SMS went; for the SMS test, all of it twice
 * with values of other lengths, and the two runs compared.
 */
final class SmsScenario {
  static final String ORIGIN = "planted";

  /**
   * What the steps found; {@code carrier} is the carrier's trace of the SMS, if it took
   * that path. The planting step (SMS and contact through the UI) ran between
   * {@code plantingStarted} and {@code plantingEnded}.
   */
  record Result(AuditResult audit, List<Flow> flows, Optional<CarrierTrace> carrier, Canaries planted,
      Instant plantingStarted, Instant plantingEnded, RunIdentity identity) {
    /**
     * This run as the differential comparison sees it: the values of the identity keys a
     * switch changed (none when the identity stayed), then the planted values. The order
     * decides ties: a content change that keeps its length is named after the identity.
     */
    PlantedRun asPlantedRun() {
      Map<String, String> all = new LinkedHashMap<>(identity.switched());
      values(planted).forEach(all::putIfAbsent);
      return new PlantedRun(all, plantingStarted, plantingEnded, flows);
    }
  }

  /**
   * Two runs with values of different lengths, and what their comparison found: uploads
   * whose size or presence follows the planted values ({@code opaque} findings, judged).
   */
  record TwoRuns(Result first, Result second, AuditResult opaque) {
    /** The flows of both runs. */
    List<Flow> flows() {
      List<Flow> all = new ArrayList<>(first.flows());
      all.addAll(second.flows());
      return all;
    }

    /** Every finding of both runs and of their comparison. */
    List<JudgedFinding> findings() {
      List<JudgedFinding> all = new ArrayList<>(first.audit().findings());
      all.addAll(second.audit().findings());
      all.addAll(opaque.findings());
      return all;
    }
  }

  private SmsScenario() {}

  static Result run(DeviceUnderTest dut, boolean accept, String test, String step) {
    Switched switched = Switched.all(dut, accept);
    return plantAndJudge(dut, accept, test, step, Canaries.fresh(), switched.since(), switched.policy(),
        RunIdentity.provisioned(dut, Map.of()));
  }

  /** Every privacy switch set through the UI, from when, and the policy judging what follows. */
  private record Switched(Instant since, ConsentPolicy policy) {
    static Switched all(DeviceUnderTest dut, boolean accept) {
      Map<String, String> changed = ScenarioSteps.setPrivacySwitches(dut, accept);
      ConsentState state = ScenarioSteps.consentState(dut, changed);
      Instant since = Instant.now();
      return new Switched(since, ScenarioSteps.policy(dut, ConsentTimeline.starting(since, state), state));
    }
  }

  /**
   * The SMS steps twice under the same switches: a short text, then one about three
   * times as long (with a new recipient and contact), each observed and judged, then the
   * two runs compared ({@link io.phonehome.differential.Differential}). A device with an
   * identity switch (devices.yaml {@code identity-switch}; every virtual handset) runs
   * the second time with its second identity, read back from the phone, and is switched
   * back to its first afterwards, whatever happened. The comparison's findings are judged
   * by the same consent policy and recorded for findings.json.
   */
  static TwoRuns runTwice(DeviceUnderTest dut, boolean accept, String test, String persona) {
    Switched switched = Switched.all(dut, accept);
    ConsentPolicy policy = switched.policy();
    Optional<IdentitySwitch> identitySwitch = dut.identitySwitch();
    Result first = plantAndJudge(dut, accept, test, "after the SMS (" + persona + ")", Canaries.fresh(),
        switched.since(), policy, RunIdentity.provisioned(dut,
            identitySwitch.map(IdentitySwitch::first).orElse(Map.of())));
    String identityNote;
    Result second;
    if (identitySwitch.isEmpty()) {
      identityNote = "identity not switched: " + dut.name() + " has no identity-switch in devices.yaml";
      Progress.device(dut.name(), identityNote);
      second = plantAndJudge(dut, accept, test, "after the second SMS (" + persona + ")", Canaries.freshLong(),
          Instant.now(), policy, RunIdentity.provisioned(dut, Map.of()));
    } else {
      IdentitySwitch sw = identitySwitch.get();
      identityNote = "identity switched for the second run: " + RunIdentity.changes(sw.first(), sw.second());
      second = withSecondIdentity(dut, sw, persona, identity -> plantAndJudge(dut, accept, test,
          "after the second SMS (" + persona + ")", Canaries.freshLong(), Instant.now(), policy, identity));
    }

    List<Finding> detected = new ArrayList<>();
    for (Result r : List.of(first, second)) {
      r.audit().findings().forEach(j -> detected.add(j.finding()));
    }
    DifferentialResult compared = io.phonehome.differential.Differential.compare(first.asPlantedRun(),
        second.asPlantedRun(), dut.flowsSince(Instant.EPOCH), detected);
    List<JudgedFinding> judged = compared.findings().stream()
        .map(f -> new JudgedFinding(f, policy.judge(f))).toList();
    AuditResult opaque = new AuditResult(0, judged, List.of());
    dut.record(test, opaque);
    String step = "differential (" + persona + ")";
    Allure.addAttachment("findings " + step, "text/plain", AuditTable.render(opaque)
        + "\n" + identityNote + "\nendpoints compared (sms.body " + first.planted().smsBody().length() + " -> "
        + second.planted().smsBody().length() + " chars):\n  " + String.join("\n  ", compared.notes()) + "\n", "txt");
    long unconsented = judged.stream().filter(JudgedFinding::unconsented).count();
    Progress.device(dut.name(), step + ": " + (judged.isEmpty() ? "no upload follows the planted values"
        : judged.size() + " opaque finding(s), " + unconsented + " unconsented: " + judged.stream()
            .map(j -> j.finding().identifier() + " to " + j.finding().host() + " (" + j.finding().channel().wireName() + ")")
            .distinct().collect(java.util.stream.Collectors.joining(", "))));
    return new TwoRuns(first, second, opaque);
  }

  /**
   * Switches the phone to its second identity, runs {@code run} with it, and switches the
   * phone back to its first identity in any case (also when the first switch did not
   * take). A switch that does not take is a DeviceException; one that fails on the way
   * back after an earlier failure is added to that failure.
   */
  private static Result withSecondIdentity(DeviceUnderTest dut, IdentitySwitch sw, String persona,
      java.util.function.Function<RunIdentity, Result> run) {
    String device = dut.name();
    Throwable failed = null;
    try {
      // inside the try: a switch that half took is undone too
      PhoneIdentity now = Allure.step("switch to the second identity ("
          + RunIdentity.changes(sw.first(), sw.second()) + ")", sw::toSecond);
      RunIdentity identity = RunIdentity.switched(dut, sw.second(), now);
      Progress.device(device, "identity switched for the second run: " + RunIdentity.changes(sw.first(), sw.second())
          + " (read back from the phone" + (sw.unchecked().isEmpty() ? ")"
              : "; not told by the phone, so not checked: " + String.join(", ", sw.unchecked()) + ")"));
      evidence(dut, "identity-second-run-" + persona + ".txt", identity.table());
      Allure.addAttachment("identity of the second run (value and origin)", "text/plain",
          String.join("\n", identity.table()) + "\n", "txt");
      return run.apply(identity);
    } catch (RuntimeException | Error e) {
      failed = e;
      throw e;
    } finally {
      try {
        PhoneIdentity back = Allure.step("switch back to the first identity", sw::toFirst);
        java.util.Set<String> told = new java.util.LinkedHashSet<>(sw.first().keySet());
        told.removeAll(sw.unchecked());
        String line = RunIdentity.reported(told, back);
        Progress.device(device, "identity switched back: " + line + " (read back from the phone)");
        evidence(dut, "identity-restored-" + persona + ".txt", List.of(line));
      } catch (RuntimeException e) {
        if (failed == null) {
          throw e;
        }
        failed.addSuppressed(e);
      }
    }
  }

  private static void evidence(DeviceUnderTest dut, String file, List<String> lines) {
    try {
      java.nio.file.Files.write(dut.evidenceDir().resolve(file), lines, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      Progress.device(dut.name(), "could not write " + file + ": " + e.getMessage());
    }
  }

  private static Result plantAndJudge(DeviceUnderTest dut, boolean accept, String test, String step,
      Canaries planted, Instant since, ConsentPolicy policy, RunIdentity identity) {
    Instant plantingStarted;
    dut.restoration().planted(new Restoration.Planted(planted.smsBody(), planted.contactName()));
    try (AppiumSession ui = dut.openAppium()) {
      plantingStarted = Instant.now();
      Allure.step("send an SMS to " + planted.smsTo() + " through Messaging",
          () -> MessagingScreen.open(ui.driver()).send(planted.smsTo(), planted.smsBody()));
      ScenarioSteps.attachPng("screen after sending the SMS", ui.screenshot());
      Allure.step("add contact " + planted.contactName() + " through Contacts",
          () -> ContactsScreen.open(ui.driver()).add(planted.contactName(), planted.contactNumber()));
    }
    Instant plantingEnded = Instant.now();
    Progress.device(dut.name(), (accept ? "accepted" : "declined") + ": SMS sent to " + planted.smsTo() + " ("
        + planted.smsBody().length() + " chars), contact " + planted.contactName() + " added");

    ScenarioSteps.observe(dut);
    List<Flow> flows = dut.flowsSince(since);
    IdentitySet.Builder values = IdentitySet.builder();
    values(planted).forEach((k, v) -> values.add(k, v, ORIGIN));
    IdentitySet hunted = identity.hunted().merge(values.build());
    AuditResult result = ScenarioSteps.judge(dut, test, step, flows, hunted, policy);

    return new Result(result, flows, smsPath(dut, planted, result), planted, plantingStarted, plantingEnded,
        identity);
  }

  /** The planted values by the identifier the detector reports them under; the body first. */
  private static Map<String, String> values(Canaries planted) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("sms.body", planted.smsBody());
    values.put("sms.to", planted.smsTo());
    values.put("contacts", planted.contactNumber());
    values.put(IdentitySet.CANARY, planted.contactName());
    return values;
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
        .map(j -> j.finding().flowId() + ": " + j.finding().method() + " " + j.finding().url()
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
