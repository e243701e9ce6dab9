package io.phonehome.scenario;

import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.qameta.allure.Allure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The opt-out steps, for the opt-out test and the firmware regression: every privacy
 * switch off through the UI, settings read back, reboot, observe, judge.
 */
final class OptOutScenario {
  static final Duration BOOT_TIMEOUT = Duration.ofMinutes(2);

  /** What the steps found: the judged flows and the settings the reboot undid. */
  record Result(AuditResult audit, List<Flow> flows, Map<String, String> reverted) {}

  private OptOutScenario() {}

  static Result run(DeviceUnderTest dut, String test, String step) {
    Map<String, String> changed = ScenarioSteps.setPrivacySwitches(dut, false);
    ConsentState optedOut = ScenarioSteps.consentState(dut, changed);
    Instant since = Instant.now();
    Allure.step("reboot", () -> dut.reboot(BOOT_TIMEOUT));
    Map<String, String> reverted = SettingsSnapshot.read(dut.phone()).differingFrom(changed);
    Progress.device(dut.name(), "rebooted" + (reverted.isEmpty() ? ", opt-out held" : ", opt-out LOST: " + reverted));

    ScenarioSteps.observe(dut);
    List<Flow> flows = dut.flowsSince(since);
    AuditResult result = ScenarioSteps.judge(dut, test, step, flows, dut.identity(),
        ScenarioSteps.policy(dut, ConsentTimeline.starting(since, optedOut), optedOut));
    return new Result(result, flows, reverted);
  }
}
