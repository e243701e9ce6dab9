package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * Firmware the harness has never seen, with its own switch labels, setting keys and
 * hosts: nothing may be hard-wired to the shipped profiles.
 */
public class UnseenFirmwareIT {
  private static final String PROFILE = """
      build:
        display-id: ACME-9.0.%1$s
        fingerprint: Acme/zeta/zeta:9/PQ1A.190105.004/%1$s:user/release-keys
      settings:
        system:acme_diagnostics: 1
        global:acme_personal_ads: 1
      privacy-switches:
        Share diagnostics with Acme: system:acme_diagnostics
        Personalised ads: global:acme_personal_ads
      services:
        - name: diagnostics
          on: every:2s
          %2$s
          method: POST
          url: http://collect.acme-telemetry.test/v2/diag
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/json }
          body: '{"dev":"{imei|sha1}","net":"{wifi-mac|upper}"}'
          content-encoding: identity
        - name: ads-id
          on: boot
          when: "global:acme_personal_ads == 1"
          method: GET
          url: https://ads.acme-telemetry.test/id?m={wifi-mac}
          route: proxy
          tls: trusts-user-ca
        - name: update-check
          on: every:2s
          method: GET
          url: https://fota.acme.test/check?build=%1$s
          route: proxy
          tls: trusts-user-ca
      """;

  @Test
  public void unseen_profiles_are_caught_or_passed_by_what_they_send() throws Exception {
    Path dir = Files.createTempDirectory("phonehome-unseen");
    // the same firmware twice: one build ignores the diagnostics switch, one honours it
    Files.writeString(dir.resolve("acme-ignores.yaml"), String.format(PROFILE, "ignores", ""));
    Files.writeString(dir.resolve("acme-honours.yaml"),
        String.format(PROFILE, "honours", "when: \"system:acme_diagnostics == 1\""));
    Files.writeString(dir.resolve("devices.yaml"), """
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 5s }
        devices:
          - name: acme-ignores
            identity: { imei: "490154203237518", wifi-mac: "02:1a:11:f0:0d:42" }
            virtual: { firmware: acme-ignores.yaml }
          - name: acme-honours
            identity: { imei: "352099001761481", wifi-mac: "02:1a:11:be:ef:01" }
            virtual: { firmware: acme-honours.yaml }
        """);
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(600, "run",
        "--devices", dir.resolve("devices.yaml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    JsonNode findings = NightlySuiteIT.validFindings(out.resolve("findings.json"));
    assertThat(findings.path("findings")).isNotEmpty();
    for (JsonNode f : findings.path("findings")) {
      assertThat(f.path("device").asText()).isEqualTo("acme-ignores");
      assertThat(f.path("host").asText()).isEqualTo("collect.acme-telemetry.test");
    }
    assertThat(findings.findValuesAsText("encoding")).contains("sha1");
    assertThat(findings.findValuesAsText("identifier")).contains("imei", "wifi-mac");
    assertThat(run.output()).contains("[acme-honours] verdict since the opt-out: PASSED", "[acme-ignores] verdict since the opt-out: FAILED");
    assertThat(HarnessProcess.mitmdumpsUnder(dir)).isEmpty();
  }
}
