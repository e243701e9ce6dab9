package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phonehome.device.Tools;
import io.phonehome.lifecycle.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The "patched" 2014 build sends identifiers at power-on around the proxy (a hard-coded
 * address, a DNS name, QUIC) and over TLS pinned against the lab CA: the opt-out scenario
 * must report them from the phone's packet capture and the proxy, not pass silently.
 */
public class BeyondTheProxyIT {
  @Test
  public void power_on_leaks_around_the_proxy_are_reported() throws Exception {
    Path root = HarnessProcess.root();
    Path dir = Files.createTempDirectory("phonehome-beyond");
    Files.writeString(dir.resolve("devices.yaml"), String.format("""
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 6s }
        devices:
          - name: virtual-patched
            identity: { imei: "861234567890127", phone-number: "+886912345678" }
            virtual: { firmware: %s }
        """, root.resolve("simulator/firmware/patched-2014-08.yaml")));
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(300, "run", "--devices", dir.resolve("devices.yaml").toString(),
        "--suite", root.resolve("suites/smoke.xml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    JsonNode findings = NightlySuiteIT.validFindings(out.resolve("findings.json"));
    List<String> rows = new ArrayList<>();
    for (JsonNode f : findings.path("findings")) {
      rows.add(f.path("channel").asText() + " " + f.path("host").asText() + " "
          + f.path("identifier").asText() + " " + f.path("encoding").asText() + " "
          + f.path("location").asText() + " " + f.path("consented").asBoolean());
    }
    assertThat(rows).contains(
        "direct 203.0.113.7 imei plain body false",
        "dns e8dc82f1dca0a25a05b0609f37f071a3.t.miui-stat.cn imei md5 url false",
        "quic 203.0.113.9 unknown opaque none false",
        "tls-refused api.account.xiaomi.com unknown opaque none false",
        "proxy api.account.xiaomi.com imei plain body false");
    for (JsonNode f : findings.path("findings")) {
      boolean counted = !f.path("channel").asText().equals("proxy");
      assertThat(f.path("bytes").path("sent").asLong())
          .as("bytes sent of %s", f).matches(sent -> counted ? sent > 0 : sent == 0);
    }
    Path pcap = out.resolve("devices/virtual-patched/phone-1.pcap");
    assertThat(pcap).as("the capture resumed after the reboot").isRegularFile();
    Tools.Result read = Tools.run(Duration.ofSeconds(30), Program.TCPDUMP.command("-r", pcap.toString(), "-nn"));
    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(read.output()).contains("203.0.113.7.5222");
  }
}
