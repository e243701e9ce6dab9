package io.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.audit.AuditResult;
import io.phonehome.capture.HarWriter;
import io.phonehome.detect.Flows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@code audit --policy} on a small HAR, through the same option list the launcher uses. */
public class AuditCommandPolicyTest {
  static final String PHONE = "+886912345678";
  static final String IMEI = "861234567890123";
  static final String CONTACT = "+886922000111";

  private Path dir;
  private Path har;
  private Path identity;
  private String stdout;
  private String stderr;

  @BeforeMethod
  public void writeInputs() throws IOException {
    dir = Files.createTempDirectory("audit-policy");
    har = dir.resolve("capture.har");
    HarWriter.write(List.of(
        Flows.get("https://ota.example.com/check?build=5").index(0).build(),
        Flows.postForm("https://api.account.xiaomi.com/pass/v2/safe/user/cloudmsg",
            "n=" + Flows.base64(PHONE)).index(1).build(),
        Flows.postForm("https://api.micloud.xiaomi.net/mic/contacts/v2/sync",
            "c=" + CONTACT).index(2).build(),
        Flows.get("https://data.mistat.xiaomi.com/report?i=" + IMEI).index(3).build()), har);
    identity = Files.writeString(dir.resolve("identity.yaml"), """
        imei: "%s"
        phone-number: "%s"
        contacts: ["%s"]
        """.formatted(IMEI, PHONE, CONTACT));
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Path policy(String yaml) throws IOException {
    return Files.writeString(dir.resolve("policy.yaml"), yaml);
  }

  private Path leakyPolicy() throws IOException {
    return policy("""
        always-allowed:
          - to: "ota.example.com"
            data: []
        switches:
          secure:cloud_messaging:
            - to: "api.account.xiaomi.com"
              data: [sms.body, sms.to, phone-number]
          secure:cloud_sync:
            - to: "api.micloud.xiaomi.net"
              data: [contacts]
        """);
  }

  private int audit(String... extra) throws UsageException {
    AuditCall call = AuditCall.run(har, identity, extra);
    stdout = call.stdout();
    stderr = call.stderr();
    return call.code();
  }

  private static String row(String table, String host) {
    return table.lines().filter(l -> l.contains(host)).findFirst().orElseThrow();
  }

  @Test
  public void policy_without_consent_state_assumes_every_switch_off() throws Exception {
    int code = audit("--policy", leakyPolicy().toString());

    assertThat(code).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(stdout).startsWith("consent: policy " + dir.resolve("policy.yaml")
        + ", no --consent-state: every switch assumed off, only always-allowed rules apply\n");
    assertThat(row(stdout, "api.account.xiaomi.com")).endsWith("| NO");
    assertThat(row(stdout, "api.micloud.xiaomi.net")).endsWith("| NO");
  }

  @Test
  public void consent_state_option_turns_switches_on() throws Exception {
    int code = audit("--policy", leakyPolicy().toString(),
        "--consent-state", "secure:cloud_messaging=1,secure:cloud_sync=1");

    assertThat(code).isEqualTo(AuditResult.EXIT_UNCONSENTED); // the IMEI to mistat has no rule
    assertThat(stdout).contains("switch states from --consent-state: "
        + "secure:cloud_messaging=1, secure:cloud_sync=1");
    assertThat(row(stdout, "api.account.xiaomi.com")).endsWith("| yes");
    assertThat(row(stdout, "api.micloud.xiaomi.net")).endsWith("| yes");
    assertThat(row(stdout, "data.mistat.xiaomi.com")).endsWith("| NO");
    assertThat(stdout).contains("""
        why:
          flow 1 phone-number to api.account.xiaomi.com: allowed by switches.secure:cloud_messaging[0] to api.account.xiaomi.com
          flow 2 contacts to api.micloud.xiaomi.net: allowed by switches.secure:cloud_sync[0] to api.micloud.xiaomi.net
          flow 3 imei to data.mistat.xiaomi.com: no rule allows imei to data.mistat.xiaomi.com under secure:cloud_messaging=1, secure:cloud_sync=1
        """);
  }

  @Test
  public void switches_not_given_in_consent_state_are_off() throws Exception {
    audit("--policy", leakyPolicy().toString(), "--consent-state", "secure:cloud_sync=1");

    assertThat(stdout).contains("secure:cloud_messaging=0, secure:cloud_sync=1");
    assertThat(row(stdout, "api.account.xiaomi.com")).endsWith("| NO");
    assertThat(row(stdout, "api.micloud.xiaomi.net")).endsWith("| yes");
  }

  @Test
  public void exit_code_is_zero_when_the_policy_allows_every_upload() throws Exception {
    Path everything = policy("""
        always-allowed:
          - to: "*.xiaomi.com"
            data: [imei, phone-number]
          - to: "*.xiaomi.net"
            data: [contacts]
        """);

    assertThat(audit("--policy", everything.toString(), "--out", dir.resolve("f.json").toString()))
        .isEqualTo(AuditResult.EXIT_CLEAN);
    assertThat(stderr).contains("every switch assumed off").contains("0 unconsented findings");
  }

  @Test
  public void bad_policy_file_cannot_run_with_its_file_and_line() throws Exception {
    Path bad = policy("""
        switches:
          cloud_messaging: []
        """);

    assertThatThrownBy(() -> audit("--policy", bad.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(bad + ":2: 'cloud_messaging' is not a switch key");
  }

  @Test
  public void consent_state_naming_a_switch_the_policy_lacks_cannot_run() throws Exception {
    Path policy = leakyPolicy();

    assertThatThrownBy(() -> audit("--policy", policy.toString(), "--consent-state", "secure:cloud_msg=1"))
        .hasMessage("--consent-state: 'secure:cloud_msg' is not a switch of " + policy
            + " (its switches: secure:cloud_messaging, secure:cloud_sync)");
    assertThatThrownBy(() -> audit("--policy", policy.toString(), "--consent-state", "secure:cloud_sync=on"))
        .hasMessageContaining("is not a switch state (0 or 1");
    assertThatThrownBy(() -> audit("--consent-state", "secure:cloud_sync=1"))
        .hasMessageStartingWith("--consent-state needs --policy FILE");
  }

  @Test
  public void without_policy_nothing_carrying_an_identifier_is_consented() throws Exception {
    assertThat(audit()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(stdout).startsWith("consent: no --policy: nothing carrying an identifier is consented")
        .doesNotContain("why:");
  }

  @Test
  public void main_exits_two_on_a_bad_policy_and_one_on_unconsented_uploads() throws Exception {
    Path bad = policy("always-allowed: [ { data: [] } ]\n");
    assertThat(Main.run(new String[] {"audit", "--har", har.toString(), "--identity", identity.toString(),
        "--policy", bad.toString()})).isEqualTo(AuditResult.EXIT_CANNOT_RUN);
    Path good = leakyPolicy();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(new String[] {"audit", "--har", har.toString(), "--identity", identity.toString(),
          "--policy", good.toString(), "--consent-state", "secure:cloud_messaging=1"}))
          .isEqualTo(AuditResult.EXIT_UNCONSENTED);
    } finally {
      System.setOut(saved);
    }
  }
}
