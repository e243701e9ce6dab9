package io.phonehome.scenario;

import static io.phonehome.assertions.PrivacyAssertions.assertThat;

import io.phonehome.assertions.CaptureVerdict;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.device.DeviceSpec;
import io.phonehome.device.Flasher;
import io.phonehome.report.FirmwareDiff;
import io.qameta.allure.Allure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * Every build of a device (devices.yaml {@code firmware.builds}), installed in order and
 * driven through the opt-out (with reboot) and both SMS personas; consecutive
 * builds are compared leak by leak (firmware-diff.json, and a builds x leaks matrix in
 * the report). Only the newest build's findings decide the verdict: the older ones are
 * what it is compared with.
 */
public class FirmwareRegressionTest {
  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

  @Test(dataProvider = "devices", dataProviderClass = Devices.class,
      description = "The newest build uploads nothing without consent; every build compared with the one before")
  public void buildsCompared(String device) {
    Allure.label("device", device);
    Allure.label("feature", "firmware-regression");
    DeviceUnderTest dut = Run.current().lab().device(device);
    Map<String, String> builds = dut.spec().firmware().map(DeviceSpec.Firmware::builds).orElse(Map.of());
    if (builds.isEmpty()) {
      throw new SkipException(device + " lists no firmware builds in devices.yaml");
    }
    String test = getClass().getSimpleName() + ".buildsCompared";
    Map<String, Set<FirmwareDiff.Leak>> leaks = new LinkedHashMap<>();
    List<AuditResult> newest = List.of();
    List<Flow> newestFlows = List.of();
    for (Map.Entry<String, String> build : builds.entrySet()) {
      String name = build.getKey();
      Flasher.Build running = Allure.step("install " + name,
          () -> dut.install(Path.of(build.getValue()), BOOT_TIMEOUT));
      Progress.device(device, "build " + name + " installed (" + running.displayId() + ", "
          + running.fingerprint() + ")");
      String buildTest = test + "[" + name + "]";
      OptOutScenario.Result optOut = OptOutScenario.run(dut, buildTest, "since the opt-out (" + name + ")");
      List<AuditResult> audits = new ArrayList<>(List.of(optOut.audit()));
      List<Flow> flows = new ArrayList<>(optOut.flows());
      if (dut.hasSim()) {
        for (boolean accept : new boolean[] {false, true}) {
          String persona = accept ? "accepted" : "declined";
          SmsScenario.Result sms = SmsScenario.run(dut, accept, buildTest,
              "after the SMS (" + persona + ", " + name + ")");
          audits.add(sms.audit());
          flows.addAll(sms.flows());
        }
      }
      leaks.put(name, FirmwareDiff.leaks(audits));
      newest = audits;
      newestFlows = flows;
    }
    FirmwareDiff diff = FirmwareDiff.compare(device, leaks);
    Run.current().firmwareDiffs().record(diff);
    Allure.addAttachment("builds x leaks", "text/html", FirmwareDiff.matrixHtml(leaks), "html");
    Allure.addAttachment("builds x leaks (text)", "text/plain", FirmwareDiff.matrix(leaks), "txt");
    Progress.device(device, "firmware diff " + String.join(" -> ", builds.keySet()) + ": " + diff.counts());

    for (AuditResult audit : newest) {
      assertThat(CaptureVerdict.of(device, newestFlows, audit)).hasNoUnconsentedUploads();
    }
  }
}
