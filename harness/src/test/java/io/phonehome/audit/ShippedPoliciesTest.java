package io.phonehome.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Flows;
import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.Identities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/** The sample policies in policies/ against traffic shaped like their firmware profiles'. */
public class ShippedPoliciesTest {
  private static final String SMS_TO = "+886955123456";
  private static final String SERIAL = "NMB3A1234567";

  private static Path policy(String name) {
    return Path.of(System.getProperty("phonehome.root", "..")).toAbsolutePath().normalize()
        .resolve("policies").resolve(name);
  }

  private static List<Flow> leakyTraffic() {
    return List.of(
        Flows.postForm("https://api.account.xiaomi.com/pass/v2/sms/report",
            "from=" + URLEncoder.encode(Identities.PHONE, StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(SMS_TO, StandardCharsets.UTF_8)).index(0).build(),
        Flows.postForm("https://api.micloud.xiaomi.net/mic/contacts/v2/sync",
            "c=" + Flows.base64(Flows.gzip(Identities.CONTACT_1))).index(1).build(),
        Flows.get("http://data.mistat.xiaomi.com/mistats/v2/report?i=" + Identities.IMEI).index(2).build());
  }

  private static IdentitySet leakyIdentity() {
    return Identities.lab().merge(IdentitySet.builder().add("sms.to", SMS_TO, "canary").build());
  }

  @Test
  public void leaky_policy_with_switches_off_forbids_sms_numbers_and_contacts() throws Exception {
    ConsentPolicyFile file = ConsentPolicyFile.read(policy("leaky-2014-08.yaml"));

    AuditResult result = Audit.run(leakyTraffic(), leakyIdentity(), file.under(file.allSwitchesOff()));

    assertThat(result.findings()).allMatch(JudgedFinding::unconsented);
    assertThat(result.findings()).extracting(j -> j.finding().identifier())
        .contains("phone-number", "sms.to", "contacts", "imei");
  }

  @Test
  public void leaky_policy_with_switches_on_allows_only_what_the_switches_cover() throws Exception {
    ConsentPolicyFile file = ConsentPolicyFile.read(policy("leaky-2014-08.yaml"));

    AuditResult result = Audit.run(leakyTraffic(), leakyIdentity(), file.under(file.allSwitchesOn()));

    assertThat(result.findings())
        .extracting(j -> j.finding().host(), j -> j.finding().identifier(), JudgedFinding::consented)
        .containsExactlyInAnyOrder(
            tuple("api.account.xiaomi.com", "phone-number", true),
            tuple("api.account.xiaomi.com", "sms.to", true),
            tuple("api.micloud.xiaomi.net", "contacts", true),
            tuple("data.mistat.xiaomi.com", "imei", false));
  }

  @Test
  public void clean_policy_allows_the_update_check_always_and_uploads_only_under_their_switch()
      throws Exception {
    ConsentPolicyFile file = ConsentPolicyFile.read(policy("clean.yaml"));
    IdentitySet identity = Identities.lab().merge(
        IdentitySet.builder().add("serial", SERIAL, "phone").build());
    List<Flow> flows = List.of(
        Flows.get("https://ota.example-oem.com/check?build=NimbusOS-3.2.0").index(0).build(),
        Flows.post("https://diag.example-oem.com/v2/report",
            "serial=" + SERIAL + "&android_id=" + Identities.ANDROID_ID).index(1).build());

    AuditResult off = Audit.run(flows, identity, file.under(file.allSwitchesOff()));
    AuditResult diagnosticsOn = Audit.run(flows, identity,
        file.under(ConsentState.of(Map.of("system:nimbus_diagnostics", "1"))));

    assertThat(file.alwaysAllowed()).singleElement()
        .satisfies(rule -> assertThat(rule.describe()).isEqualTo("always-allowed[0] to ota.example-oem.com"));
    assertThat(off.findings()).hasSize(2).allMatch(JudgedFinding::unconsented);
    assertThat(diagnosticsOn.findings()).hasSize(2).allMatch(JudgedFinding::consented);
    assertThat(diagnosticsOn.exitCode()).isZero();
  }
}
