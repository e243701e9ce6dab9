package io.phonehome.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Flow;
import io.phonehome.detect.Detector;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Flows;
import io.phonehome.detect.IdentitySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class RulePolicyTest {
  static final String PHONE = "+886912345678";
  static final String IMEI = "861234567890123";
  static final String BODY = "pH-sms-body-4f1e";
  static final String TO = "+886955123456";
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final ConsentState MESSAGING_ON = ConsentState.of(Map.of("secure:cloud_messaging", "1"));
  static final ConsentState MESSAGING_OFF = ConsentState.of(Map.of("secure:cloud_messaging", "0"));

  private final Detector detector = new Detector(IdentitySet.builder()
      .add("phone-number", PHONE, "devices.yaml")
      .add("imei", IMEI, "phone")
      .add("sms.body", BODY, "canary")
      .add("sms.to", TO, "canary")
      .build());
  private Path dir;
  private ConsentPolicyFile policy;

  @BeforeClass
  public void readPolicy() throws IOException, PolicyFileException {
    dir = Files.createTempDirectory("policy");
    policy = ConsentPolicyFile.read(
        Files.writeString(dir.resolve("policy.yaml"), """
            always-allowed:
              - to: "ota.example.com"
                data: []
            switches:
              secure:cloud_messaging:
                - to: "*.msg.example.com"
                  data: [sms.body, sms.to, phone-number]
            """));
  }

  @AfterClass(alwaysRun = true)
  public void removeDir() throws IOException {
    Files.deleteIfExists(dir.resolve("policy.yaml"));
    Files.deleteIfExists(dir);
  }

  private Finding only(Flow flow) {
    return detector.scan(flow).findings().get(0);
  }

  private Finding smsUpload(String host, Instant at) {
    return only(Flows.postForm("https://" + host + "/send", "b=" + BODY).time(at).build());
  }

  @Test
  public void allowed_upload_under_switch_on_is_consented() {
    Verdict verdict = policy.under(MESSAGING_ON).judge(smsUpload("eu.msg.example.com", T0));

    assertThat(verdict.consent()).isEqualTo(Consent.CONSENTED);
    assertThat(verdict.reason())
        .isEqualTo("allowed by switches.secure:cloud_messaging[0] to *.msg.example.com");
    assertThat(verdict.state()).isEqualTo(MESSAGING_ON);
  }

  @Test
  public void same_upload_after_switch_off_is_not() {
    ConsentTimeline timeline = ConsentTimeline.starting(T0, MESSAGING_ON)
        .then(T0.plusSeconds(60), MESSAGING_OFF);
    ConsentPolicy judged = policy.under(timeline);

    Verdict before = judged.judge(smsUpload("eu.msg.example.com", T0.plusSeconds(30)));
    Verdict after = judged.judge(smsUpload("eu.msg.example.com", T0.plusSeconds(90)));

    assertThat(before.consented()).isTrue();
    assertThat(after.unconsented()).isTrue();
    assertThat(after.state()).isEqualTo(MESSAGING_OFF);
    assertThat(after.reason()).isEqualTo("no rule allows sms.body to eu.msg.example.com under"
        + " secure:cloud_messaging=0 (switches.secure:cloud_messaging[0] to *.msg.example.com"
        + " allows it only while secure:cloud_messaging is on)");
  }

  @Test
  public void always_allowed_rule_applies_whatever_the_switches() throws Exception {
    ConsentPolicyFile withData = ConsentPolicyFile.read(Files.writeString(dir.resolve("always.yaml"), """
        always-allowed:
          - to: "ota.example.com"
            data: [imei]
        switches:
          secure:cloud_messaging: []
        """));
    Finding update = only(Flows.get("https://ota.example.com:443/check?d=" + IMEI).build());

    for (ConsentState state : new ConsentState[] {MESSAGING_ON, MESSAGING_OFF, ConsentState.unknown()}) {
      Verdict verdict = withData.under(state).judge(update);
      assertThat(verdict.consented()).as("under %s", state).isTrue();
      assertThat(verdict.reason()).isEqualTo("allowed by always-allowed[0] to ota.example.com");
    }
    Files.delete(dir.resolve("always.yaml"));
  }

  @Test
  public void identifier_not_in_rule_data_is_forbidden() {
    Finding imei = only(Flows.get("https://eu.msg.example.com/send?i=" + IMEI).build());

    Verdict verdict = policy.under(MESSAGING_ON).judge(imei);

    assertThat(verdict.unconsented()).isTrue();
    assertThat(verdict.reason())
        .isEqualTo("no rule allows imei to eu.msg.example.com under secure:cloud_messaging=1");
  }

  @Test
  public void host_glob_does_not_match_parent_domain() {
    assertThat(policy.under(MESSAGING_ON).judge(smsUpload("msg.example.com", T0)).unconsented())
        .isTrue();
    assertThat(policy.under(MESSAGING_ON).judge(smsUpload("a.b.msg.example.com", T0)).consented())
        .isTrue();
  }

  @Test
  public void data_empty_rule_allows_no_identifier() {
    Verdict verdict = policy.under(MESSAGING_ON)
        .judge(only(Flows.get("https://ota.example.com/check?n=" + PHONE).build()));

    assertThat(verdict.unconsented()).isTrue();
  }

  @Test
  public void timeline_picks_state_at_flow_time() {
    ConsentTimeline timeline = ConsentTimeline.starting(T0, MESSAGING_OFF)
        .then(T0.plusSeconds(10), MESSAGING_ON)
        .then(T0.plusSeconds(20), MESSAGING_OFF);

    assertThat(timeline.stateAt(T0.plusSeconds(5))).isEqualTo(MESSAGING_OFF);
    assertThat(timeline.stateAt(T0.plusSeconds(10))).isEqualTo(MESSAGING_ON);
    assertThat(timeline.stateAt(T0.plusSeconds(19))).isEqualTo(MESSAGING_ON);
    assertThat(timeline.stateAt(T0.plusSeconds(20))).isEqualTo(MESSAGING_OFF);
    ConsentPolicy judged = policy.under(timeline);
    assertThat(judged.judge(smsUpload("x.msg.example.com", T0.plusSeconds(5))).consented()).isFalse();
    assertThat(judged.judge(smsUpload("x.msg.example.com", T0.plusSeconds(15))).consented()).isTrue();
    assertThat(judged.judge(smsUpload("x.msg.example.com", T0.plusSeconds(25))).consented()).isFalse();
  }

  @Test
  public void flow_before_the_first_state_is_judged_under_it_and_says_so() {
    ConsentTimeline timeline = ConsentTimeline.starting(T0, MESSAGING_ON);

    assertThat(timeline.at(T0.minusSeconds(1)).beforeFirstEntry()).isTrue();
    assertThat(timeline.at(T0).beforeFirstEntry()).isFalse();
    Verdict verdict = policy.under(timeline).judge(smsUpload("x.msg.example.com", T0.minusSeconds(1)));
    assertThat(verdict.consented()).isTrue();
    assertThat(verdict.reason()).endsWith("flow seen before the first recorded consent state, judged under it");
  }

  @Test
  public void later_entry_at_the_same_instant_wins() {
    ConsentTimeline timeline = ConsentTimeline.starting(T0, MESSAGING_ON).then(T0, MESSAGING_OFF);

    assertThat(timeline.stateAt(T0)).isEqualTo(MESSAGING_OFF);
  }

  @Test
  public void tls_refused_stays_unverifiable_under_a_policy() {
    Finding hidden = detector.scan(Flows.tlsRefused(3, "eu.msg.example.com")).findings().get(0);

    Verdict verdict = policy.under(MESSAGING_ON).judge(hidden);

    assertThat(verdict.consent()).isEqualTo(Consent.UNVERIFIABLE);
    assertThat(verdict.reason()).contains("tls-refused");
  }

  @Test
  public void a_flow_not_read_whole_stays_unverifiable_under_a_policy_that_allows_its_host() {
    Finding unread = Finding.unread(Flows.post("https://eu.msg.example.com/u", "x").build(),
        "body past the 16 MiB inflate cap (gzip)");

    Verdict verdict = policy.under(MESSAGING_ON).judge(unread);

    assertThat(verdict.consent()).isEqualTo(Consent.UNVERIFIABLE);
    assertThat(verdict.reason()).startsWith("not read whole (body past the 16 MiB inflate cap (gzip))");
  }

  @Test
  public void unrecorded_switch_counts_as_off_and_is_shown_unset() {
    Verdict verdict = policy.under(ConsentState.unknown()).judge(smsUpload("x.msg.example.com", T0));

    assertThat(verdict.unconsented()).isTrue();
    assertThat(verdict.reason()).contains("under secure:cloud_messaging=unset");
  }
}
