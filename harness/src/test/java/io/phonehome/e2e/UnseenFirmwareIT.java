package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Firmware and a consent policy the harness has never seen, with their own switch
 * labels, setting keys and hosts: nothing may be hard-wired to the shipped profiles.
 */
public class UnseenFirmwareIT {
  private static final String PROFILE = """
      build:
        display-id: ACME-9.0.%1$s
        fingerprint: Acme/zeta/zeta:9/PQ1A.190105.004/%1$s:user/release-keys
      settings:
        system:acme_diagnostics: 1
        global:acme_personal_ads: 1
        secure:acme_relay: 0
      privacy-switches:
        Share diagnostics with Acme: system:acme_diagnostics
        Personalised ads: global:acme_personal_ads
        Relay texts through Acme: secure:acme_relay
      messaging:
        sms-over-data-when: "secure:acme_relay == 1"
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
        - name: relay
          on: sms-sent
          when: "secure:acme_relay == 1"
          method: POST
          url: https://relay.acme-msg.test/v1/send
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/x-www-form-urlencoded }
          body: "t={sms.to|hex}&b={sms.body|base64}&f={phone-number|digits}"
        - name: people
          on: contact-added
          method: POST
          url: https://people.acme-analytics.test/v1/add
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/json }
          body: '{"n":"{contact.number|base64}"}'
      """;

  private static final String POLICY = """
      always-allowed:
        - to: "fota.acme.test"
          data: []
      switches:
        secure:acme_relay:
          - to: "*.acme-msg.test"
            data: [sms.body, sms.to, phone-number]
        system:acme_diagnostics:
          - to: "collect.acme-telemetry.test"
            data: [imei, wifi-mac]
        global:acme_personal_ads:
          - to: "ads.acme-telemetry.test"
            data: [wifi-mac]
      """;

  /**
   * The same firmware twice (one build ignores the diagnostics switch, one honours it)
   * and the policy, as acme-ignores.yaml, acme-honours.yaml and acme-policy.yaml.
   */
  private static void writeAcme(Path dir) throws java.io.IOException {
    Files.writeString(dir.resolve("acme-ignores.yaml"), String.format(PROFILE, "ignores", ""));
    Files.writeString(dir.resolve("acme-honours.yaml"),
        String.format(PROFILE, "honours", "when: \"system:acme_diagnostics == 1\""));
    Files.writeString(dir.resolve("acme-policy.yaml"), POLICY);
  }

  @Test
  public void unseen_profiles_and_policy_are_judged_by_what_they_send() throws Exception {
    Path dir = Files.createTempDirectory("phonehome-unseen");
    writeAcme(dir);
    Files.writeString(dir.resolve("devices.yaml"), """
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 5s }
        devices:
          - name: acme-ignores
            identity: { imei: "490154203237518", wifi-mac: "02:1a:11:f0:0d:42", phone-number: "+886911222333" }
            consent-policy: acme-policy.yaml
            virtual: { firmware: acme-ignores.yaml }
          - name: acme-honours
            identity: { imei: "352099001761481", wifi-mac: "02:1a:11:be:ef:01", phone-number: "+886944555666" }
            consent-policy: acme-policy.yaml
            virtual: { firmware: acme-honours.yaml }
        """);
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(600, "run",
        "--devices", dir.resolve("devices.yaml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    JsonNode findings = NightlySuiteIT.validFindings(out.resolve("findings.json"));
    List<String> unconsented = new ArrayList<>();
    List<String> consented = new ArrayList<>();
    for (JsonNode f : findings.path("findings")) {
      String row = f.path("device").asText() + " " + f.path("test").asText() + " "
          + f.path("identifier").asText() + " " + f.path("host").asText() + " " + f.path("encoding").asText();
      if (f.path("verdict").asText().equals("unverifiable")) {
        continue; // content hidden (e.g. a handshake cut by the reboot): listed, never failing
      }
      (f.path("consented").asBoolean() ? consented : unconsented).add(row);
    }
    // the opt-out: only the build that ignores its switch keeps sending diagnostics
    assertThat(unconsented).contains(
        "acme-ignores OptOutCloudTest.noUploadAfterOptOut imei collect.acme-telemetry.test sha1");
    assertThat(unconsented).noneMatch(r -> r.startsWith("acme-honours OptOutCloudTest"));
    // the new contact goes to an analytics host no switch allows, on both builds
    assertThat(unconsented).contains(
        "acme-honours SmsSendTest.declined contacts people.acme-analytics.test base64",
        "acme-honours SmsSendTest.accepted contacts people.acme-analytics.test base64");
    assertThat(unconsented).filteredOn(r -> r.startsWith("acme-honours"))
        .allMatch(r -> r.contains(" contacts people.acme-analytics.test "));
    // with the relay switch on, the texts relayed as the policy allows are consented
    assertThat(consented).contains(
        "acme-honours SmsSendTest.accepted sms.body relay.acme-msg.test base64",
        "acme-honours SmsSendTest.accepted sms.to relay.acme-msg.test hex");
    assertThat(run.output()).contains(
        "[acme-honours] verdict since the opt-out: PASSED",
        "[acme-ignores] verdict since the opt-out: FAILED",
        "[acme-honours] SMS path: carrier",
        "[acme-honours] SMS path: data, body seen in 1 flow(s)");
    assertThat(HarnessProcess.mitmdumpsUnder(dir)).isEmpty();
  }

  @Test
  public void two_unseen_builds_are_compared_leak_by_leak() throws Exception {
    Path dir = Files.createTempDirectory("phonehome-unseen-builds");
    writeAcme(dir);
    Files.writeString(dir.resolve("devices.yaml"), """
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 5s }
        devices:
          - name: acme-zeta
            identity: { imei: "490154203237518", wifi-mac: "02:1a:11:f0:0d:42", phone-number: "+886911222333" }
            consent-policy: acme-policy.yaml
            firmware:
              builds:
                acme-9.0-ignores: acme-ignores.yaml
                acme-9.0-honours: acme-honours.yaml
            virtual: { firmware: acme-ignores.yaml }
        """);
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(600, "run", "--devices", dir.resolve("devices.yaml").toString(),
        "--suite", HarnessProcess.root().resolve("suites/firmware-regression.xml").toString(),
        "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    JsonNode diff = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("firmware-diff.json").toFile());
    List<String> changes = new ArrayList<>();
    for (JsonNode c : diff.path("changes")) {
      changes.add(c.path("status").asText() + " " + c.path("identifier").asText() + " " + c.path("host").asText());
    }
    assertThat(changes).contains(
        "fixed imei collect.acme-telemetry.test",
        "persisting contacts people.acme-analytics.test");
    assertThat(changes).noneMatch(c -> c.startsWith("new "));
  }
}
