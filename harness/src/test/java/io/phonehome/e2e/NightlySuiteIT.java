package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.report.findings.FindingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.testng.annotations.Test;

/**
 * The main job end to end, as a lab runs it: the nightly suite on virtual handsets,
 * through the real adb server, mitmdump, the Appium client and the Allure command line.
 */
public class NightlySuiteIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void default_lab_catches_virtual_leaky_and_passes_virtual_clean() throws Exception {
    Path root = HarnessProcess.root();
    Path out = Files.createTempDirectory("phonehome-nightly");
    HarnessProcess.Result run = HarnessProcess.run(600, "run",
        "--devices", root.resolve("devices.yaml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as("exit code (1: unconsented uploads found)\n%s", run.output()).isEqualTo(1);
    JsonNode findings = validFindings(out.resolve("findings.json"));
    assertThat(findings.path("flows").asInt()).isPositive();
    Set<String> unconsented = new HashSet<>();
    Set<String> leakedInDeclinedSms = new HashSet<>();
    for (JsonNode f : findings.path("findings")) {
      if (!f.path("consented").asBoolean() && !f.path("channel").asText().equals("tls-refused")) {
        unconsented.add(f.path("device").asText());
        if (f.path("test").asText().equals("SmsSendTest.declined")) {
          leakedInDeclinedSms.add(f.path("identifier").asText());
        }
      }
    }
    assertThat(unconsented).containsExactly("virtual-leaky");
    // the 2014 finding: with cloud messaging off, SMS numbers and new contacts still leave
    assertThat(leakedInDeclinedSms).contains("sms.to", "phone-number", "contacts");
    assertThat(findings.findValuesAsText("identifier")).contains("imei");
    assertThat(out.resolve("allure-report/index.html")).isRegularFile();
    assertThat(out.resolve("devices/virtual-leaky/capture.har")).isRegularFile();
    assertThat(run.output())
        .contains("[virtual-leaky] provisioned", "[virtual-leaky] switches off",
            "[virtual-leaky] rebooted", "[virtual-leaky] observing", "[virtual-leaky] verdict since the opt-out: FAILED",
            "[virtual-clean] verdict since the opt-out: PASSED",
            "[virtual-leaky] SMS path: carrier", "[virtual-clean] verdict after the SMS (declined): PASSED",
            "[virtual-clean] verdict after the SMS (accepted): PASSED",
            "[virtual-leaky] verdict after the SMS (accepted): FAILED",
            "report: " + out.resolve("allure-report/index.html"));
    assertThat(HarnessProcess.mitmdumpsUnder(root.resolve(".phonehome"))).as("mitmdump left running").isEmpty();
  }

  @Test
  public void a_bad_devices_file_exits_2_with_file_and_line() throws Exception {
    Path dir = Files.createTempDirectory("phonehome-bad");
    Path devices = dir.resolve("devices.yaml");
    Files.writeString(devices, "devices:\n  - name: x\n    observe: soon\n    virtual: { firmware: nope.yaml }\n");
    HarnessProcess.Result run = HarnessProcess.run(60, "run", "--devices", devices.toString(),
        "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains(devices + ":3: devices[0].observe: 'soon' is not a duration");
  }

  static JsonNode validFindings(Path file) throws IOException {
    assertThat(file).isRegularFile();
    String json = Files.readString(file);
    assertThat(FindingsSchema.violations(json)).as("findings.json against the schema").isEmpty();
    return JSON.readTree(json);
  }
}
