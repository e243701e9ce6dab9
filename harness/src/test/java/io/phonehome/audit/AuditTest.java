package io.phonehome.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class AuditTest {
  static final OptOutPolicy POLICY = new OptOutPolicy(ConsentState.of(Map.of("secure:cloud_sync", "0")));

  static List<Flow> capture() {
    return List.of(
        Flows.get("https://www.example.com/index.html").index(0).build(),
        Flows.postForm("https://api.account.xiaomi.com/pass/v3/activate",
            "imei=" + Identities.IMEI + "&n=" + Flows.base64(Identities.PHONE)).index(1).build(),
        Flows.tlsRefused(2, "sdk.open.talk.xiaomi.com"));
  }

  @Test
  public void judges_every_finding_in_flow_order() {
    AuditResult result = Audit.run(capture(), Identities.lab(), POLICY);

    assertThat(result.flows()).isEqualTo(3);
    assertThat(result.findings())
        .extracting(j -> j.finding().flow(), j -> j.finding().identifier(), JudgedFinding::unconsented)
        .containsExactly(
            tuple(1, "imei", true),
            tuple(1, "phone-number", true),
            tuple(2, "unknown", false));
    assertThat(result.unverifiable()).hasSize(1);
    assertThat(result.notes()).isEmpty();
  }

  @Test
  public void exit_code_is_one_when_something_is_unconsented() {
    assertThat(Audit.run(capture(), Identities.lab(), POLICY).exitCode()).isEqualTo(1);
  }

  @Test
  public void exit_code_is_zero_when_only_unverifiable_flows_remain() {
    List<Flow> flows = List.of(Flows.get("https://www.example.com/").build(),
        Flows.tlsRefused(1, "sdk.open.talk.xiaomi.com"));

    AuditResult result = Audit.run(flows, Identities.lab(), POLICY);

    assertThat(result.exitCode()).isZero();
    assertThat(result.unverifiable()).hasSize(1);
  }

  @Test
  public void empty_capture_is_clean() {
    AuditResult result = Audit.run(List.of(), Identities.lab(), POLICY);

    assertThat(result.flows()).isZero();
    assertThat(result.exitCode()).isEqualTo(AuditResult.EXIT_CLEAN);
  }

  @Test
  public void notes_of_undecodable_bodies_reach_the_result() {
    List<Flow> flows = List.of(Flows.post("https://a.example.com/", "not gzip")
        .header("Content-Encoding", "gzip").build());

    assertThat(Audit.run(flows, Identities.lab(), POLICY).notes()).hasSize(1);
  }

  private static AuditRun run(List<Flow> flows) {
    AuditRun run = new AuditRun(Identities.lab(), POLICY, io.phonehome.detect.DetectorLimits.DEFAULT);
    flows.forEach(run::add);
    return run;
  }

  @Test
  public void an_entry_the_reader_skipped_is_an_unverifiable_finding_in_its_place_naming_why() {
    AuditRun run = new AuditRun(Identities.lab(), POLICY, io.phonehome.detect.DetectorLimits.DEFAULT);
    run.add(Flows.get("https://www.example.com/").index(0).build());
    run.record(run.unread(Flows.get("https://unknown/").index(1).build(), "HAR entry skipped: no request"));
    run.incomplete("capture.har: entry 1 skipped (no request)");

    AuditResult result = run.result();

    assertThat(result.flows()).isEqualTo(2);
    assertThat(result.unverifiable()).singleElement().satisfies(j -> {
      assertThat(j.finding().flow()).isEqualTo(1);
      assertThat(j.finding().isUnread()).isTrue();
      assertThat(j.verdict().reason()).contains("HAR entry skipped: no request");
    });
    assertThat(result.incomplete()).containsExactly("capture.har: entry 1 skipped (no request)");
  }

  @Test
  public void exit_code_is_two_when_part_of_the_capture_was_skipped_and_nothing_unconsented_was_seen() {
    AuditRun run = run(List.of(Flows.get("https://www.example.com/").build()));
    run.incomplete("phone.pcap: offset 812: packet data cut short: file ends after 3 of 60 bytes");

    assertThat(run.result().exitCode()).isEqualTo(AuditResult.EXIT_VERDICT_UNKNOWN).isEqualTo(2);
  }

  @Test
  public void exit_code_is_one_when_part_was_skipped_but_an_unconsented_upload_was_seen() {
    AuditRun run = run(capture());
    run.incomplete("phone.pcap: offset 812: packet data cut short: file ends after 3 of 60 bytes");

    assertThat(run.result().exitCode()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
  }

  @Test
  public void an_incomplete_result_names_the_first_three_skipped_parts_and_counts_the_rest() {
    AuditRun run = run(List.of());
    for (int i = 0; i < 5; i++) {
      run.incomplete("capture.har: entry " + i + " skipped (no request)");
    }

    assertThat(run.result().describeIncomplete()).isEqualTo("incomplete: capture.har: entry 0 skipped (no request);"
        + " capture.har: entry 1 skipped (no request); capture.har: entry 2 skipped (no request); and 2 more");
    assertThat(run(List.of()).result().describeIncomplete()).isEmpty();
  }
}
