package io.phonehome.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Flows;
import io.phonehome.detect.IdentitySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/**
 * A vendor, switch names and hosts no other test uses: the judging must come from the
 * policy file alone. The scenario turns "Relay texts" on at 10:00:10 and off at 10:00:20.
 */
public class UnseenPolicyTest {
  private static final String NUMBER = "+447700900123";
  private static final String BODY = "qz-canary-88e1";
  private static final String FRIEND = "+447700900456";
  private static final Instant T0 = Instant.parse("2031-03-04T10:00:00Z");

  @Test
  public void unseen_policy_with_its_own_switches_and_hosts_is_judged_by_the_file_alone()
      throws Exception {
    Path dir = Files.createTempDirectory("unseen");
    Path file = Files.writeString(dir.resolve("zephyr.yaml"), """
        always-allowed:
          - to: "time.zephyr-devices.org"
            data: []
        switches:
          system:zephyr_relay_texts:
            - to: "*.relay.zephyr-devices.org"
              data: [sms.body, sms.to]
          global:zephyr_find_my_phone:
            - to: "locate.zephyr-devices.org"
              data: [phone-number]
        """);
    try {
      ConsentPolicyFile policy = ConsentPolicyFile.read(file);
      ConsentState off = ConsentState.of(Map.of(
          "system:zephyr_relay_texts", "0", "global:zephyr_find_my_phone", "1"));
      ConsentState relayOn = ConsentState.of(Map.of(
          "system:zephyr_relay_texts", "1", "global:zephyr_find_my_phone", "1"));
      ConsentTimeline timeline = ConsentTimeline.starting(T0, off)
          .then(T0.plusSeconds(10), relayOn)
          .then(T0.plusSeconds(20), off);
      IdentitySet identity = IdentitySet.builder()
          .add("phone-number", NUMBER, "phone")
          .add("sms.body", BODY, "canary")
          .add("sms.to", FRIEND, "canary")
          .build();
      List<Flow> flows = List.of(
          Flows.post("https://eu1.relay.zephyr-devices.org/v1/text", Flows.base64(BODY))
              .time(T0.plusSeconds(12)).index(0).build(),
          Flows.post("https://eu1.relay.zephyr-devices.org/v1/text", Flows.base64(BODY))
              .time(T0.plusSeconds(25)).index(1).build(),
          Flows.get("https://locate.zephyr-devices.org/ping?n=" + NUMBER.substring(1))
              .time(T0.plusSeconds(26)).index(2).build(),
          Flows.get("https://relay.zephyr-devices.org/v1/peer?to=" + FRIEND.substring(1))
              .time(T0.plusSeconds(14)).index(3).build());

      AuditResult result = Audit.run(flows, identity, policy.under(timeline));

      assertThat(result.findings())
          .extracting(j -> j.finding().flow(), j -> j.finding().host(), j -> j.finding().identifier(),
              j -> j.finding().encoding(), JudgedFinding::consented)
          .containsExactly(
              tuple(0, "eu1.relay.zephyr-devices.org", "sms.body", "base64", true),
              tuple(1, "eu1.relay.zephyr-devices.org", "sms.body", "base64", false),
              tuple(2, "locate.zephyr-devices.org", "phone-number", "digits", true),
              tuple(3, "relay.zephyr-devices.org", "sms.to", "digits", false));
      assertThat(result.unconsented()).extracting(j -> j.verdict().reason()).containsExactly(
          "no rule allows sms.body to eu1.relay.zephyr-devices.org under system:zephyr_relay_texts=0,"
              + " global:zephyr_find_my_phone=1 (switches.system:zephyr_relay_texts[0] to"
              + " *.relay.zephyr-devices.org allows it only while system:zephyr_relay_texts is on)",
          "no rule allows sms.to to relay.zephyr-devices.org under system:zephyr_relay_texts=1,"
              + " global:zephyr_find_my_phone=1");
      assertThat(result.findings()).extracting(JudgedFinding::finding).extracting(Finding::form)
          .doesNotContainNull();
      assertThat(result.exitCode()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
