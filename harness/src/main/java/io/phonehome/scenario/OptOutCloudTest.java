package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditTable;
import io.phonehome.capture.Flow;
import io.phonehome.capture.HarWriter;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.device.AppiumSession;
import io.phonehome.device.DeviceException;
import io.phonehome.report.RunRecorder;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The opt-out scenario: through the phone's own UI, turn off every switch in Settings &gt;
 * Privacy; read the settings back over adb; reboot (the opt-out must hold at power-on);
 * watch the traffic for the device's observe time; then nothing carrying an identifier
 * may have left the phone since the opt-out.
 */
public class OptOutCloudTest {
  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(2);

  @DataProvider(name = "devices")
  public Object[][] devices() {
    return LabSession.inventory().devices().stream()
        .map(d -> new Object[] {d.name()})
        .toArray(Object[][]::new);
  }

  @Test(dataProvider = "devices", description = "No upload after opting out of the vendor cloud")
  public void noUploadAfterOptOut(String device) throws IOException {
    Allure.label("device", device);
    Allure.label("feature", "opt-out");
    DeviceUnderTest dut = LabSession.get().device(device);
    String test = getClass().getSimpleName() + ".noUploadAfterOptOut";

    SettingsSnapshot before = SettingsSnapshot.read(dut.phone());
    List<String> turnedOff;
    try (AppiumSession ui = dut.openAppium()) {
      PrivacySettingsScreen privacy = Allure.step("open Settings > Privacy",
          () -> PrivacySettingsScreen.open(ui.driver()));
      attachPng("screen before the opt-out", ui.screenshot());
      turnedOff = Allure.step("turn off every privacy switch", privacy::turnOffAll);
      Map<String, Boolean> shown = privacy.switches();
      attachPng("screen after the opt-out", ui.screenshot());
      if (shown.containsValue(true)) {
        throw new DeviceException(device + ": switches still on after tapping them: " + shown);
      }
    }
    SettingsSnapshot optedOut = SettingsSnapshot.read(dut.phone());
    Map<String, String> changed = before.changedIn(optedOut);
    Allure.addAttachment("settings changed by the opt-out", "text/plain", format(changed), "txt");
    Progress.device(device, "switches off (" + turnedOff.size() + ": " + String.join(", ", turnedOff)
        + "; settings " + format(changed).replace('\n', ' ').trim() + ")");

    Instant since = Instant.now();
    Allure.step("reboot", () -> {
      dut.phone().reboot();
      dut.phone().waitForBoot(BOOT_TIMEOUT);
    });
    Map<String, String> reverted = SettingsSnapshot.read(dut.phone()).differingFrom(changed);
    Progress.device(device, "rebooted" + (reverted.isEmpty() ? ", opt-out held" : ", opt-out LOST: " + reverted));

    Progress.device(device, "observing " + dut.observe().toSeconds() + " s");
    Allure.step("observe " + dut.observe().toSeconds() + " s", () -> Thread.sleep(dut.observe().toMillis()));
    List<Flow> flows = dut.capture().flowsSince(since);
    Progress.device(device, "flows seen " + flows.size() + " since the opt-out ("
        + dut.capture().flows().size() + " in all)");

    AuditResult result = Audit.run(flows, dut.identity(), new OptOutPolicy(ConsentState.of(
        optedOut.select(changed.keySet()))));
    RunRecorder.audit(device, test, result);
    attachEvidence(dut, flows, result);
    Progress.device(device, "verdict: " + (result.unconsented().isEmpty()
        ? "PASSED (no identifier left the phone after the opt-out"
            + (result.unverifiable().isEmpty() ? ")" : "; " + result.unverifiable().size() + " flows unverifiable)")
        : "FAILED (" + result.unconsented().size() + " unconsented findings in "
            + result.unconsented().stream().map(f -> f.finding().flow()).distinct().count() + " flows)"));

    org.assertj.core.api.Assertions.assertThat(reverted)
        .as("%s: settings the opt-out changed must hold after a reboot", device)
        .isEmpty();
    assertThat(CaptureVerdict.of(device, flows, result)).hasNoUnconsentedUploads();
  }

  private static void attachEvidence(DeviceUnderTest dut, List<Flow> flows, AuditResult result)
      throws IOException {
    Path har = dut.evidenceDir().resolve("opt-out.har");
    HarWriter.write(flows, har);
    Allure.addAttachment("capture since the opt-out (HAR)", "application/json",
        Files.newInputStream(har), "har");
    Allure.addAttachment("findings", "text/plain", AuditTable.render(result), "txt");
  }

  private static void attachPng(String name, byte[] png) {
    Allure.addAttachment(name, "image/png", new ByteArrayInputStream(png), "png");
  }

  private static String format(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.length() == 0 ? "(none)\n" : sb.toString();
  }
}
