package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The firmware regression suite on a virtual handset with the 2014 builds, leaky then
 * "patched": installed through recovery, driven, compared.
 */
public class FirmwareRegressionIT {
  @Test
  public void patched_build_is_compared_with_the_leaky_one() throws Exception {
    Path root = HarnessProcess.root();
    Path dir = Files.createTempDirectory("phonehome-regression");
    Path fw = root.resolve("simulator/firmware");
    Files.writeString(dir.resolve("devices.yaml"), String.format("""
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 6s }
        devices:
          - name: virtual-armani
            identity: { imei: "861234567890127", phone-number: "+886912345678", wifi-mac: "ac:f7:f3:12:34:56" }
            consent-policy: %s
            firmware:
              builds:
                leaky-2014-08: %s
                patched-2014-08: %s
            virtual: { firmware: %s }
        """, root.resolve("policies/leaky-2014-08.yaml"), fw.resolve("leaky-2014-08.yaml"),
        fw.resolve("patched-2014-08.yaml"), fw.resolve("leaky-2014-08.yaml")));
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(600, "run", "--devices", dir.resolve("devices.yaml").toString(),
        "--suite", root.resolve("suites/firmware-regression.xml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as("the newest build still leaks\n%s", run.output()).isEqualTo(1);
    JsonNode diff = new ObjectMapper().readTree(out.resolve("firmware-diff.json").toFile());
    assertThat(diff.path("device").asText()).isEqualTo("virtual-armani");
    assertThat(diff.path("builds").toString()).isEqualTo("[\"leaky-2014-08\",\"patched-2014-08\"]");
    List<String> changes = new ArrayList<>();
    for (JsonNode c : diff.path("changes")) {
      changes.add(c.path("status").asText() + " " + c.path("identifier").asText() + " "
          + c.path("host").asText() + " " + c.path("channel").asText());
    }
    assertThat(changes).contains(
        "fixed wifi-mac data.mistat.xiaomi.com proxy",
        "persisting imei api.account.xiaomi.com proxy",
        "new imei 203.0.113.7 direct",
        "new imei e8dc82f1dca0a25a05b0609f37f071a3.t.miui-stat.cn dns",
        "new unknown api.account.xiaomi.com tls-refused");
    assertThat(run.output()).contains("[virtual-armani] build patched-2014-08 installed (MIUI-V5-2014.08-P");
  }
}
