package io.phonehome.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.util.List;
import org.testng.annotations.Test;

public class AuditTableTest {
  @Test
  public void renders_aligned_columns_one_row_per_finding() {
    String table = AuditTable.render(Audit.run(AuditTest.capture(), Identities.lab(), AuditTest.POLICY));

    assertThat(table).isEqualTo("""
        flow | channel     | host                     | identifier   | encoding | where             | consented
        1    | proxy       | api.account.xiaomi.com   | imei         | plain    | body (field imei) | NO
        1    | proxy       | api.account.xiaomi.com   | phone-number | base64   | body (field n)    | NO
        2    | tls-refused | sdk.open.talk.xiaomi.com | unknown      | opaque   | none              | unverifiable
        3 flows, 3 findings: 2 unconsented, 1 unverifiable
        """);
  }

  @Test
  public void a_flow_not_read_whole_is_a_row_naming_the_limit_and_counted_unverifiable() {
    byte[] bomb = Flows.gzip(new byte[2 << 20]);
    AuditResult result = Audit.run(
        List.of(Flows.post("https://a.example.com/u", bomb).header("Content-Encoding", "gzip").build()),
        Identities.lab(), AuditTest.POLICY, new io.phonehome.detect.DetectorLimits(1 << 20, 64L << 20, 1000));

    assertThat(AuditTable.render(result).lines().toList()).startsWith(
        "flow | channel | host          | identifier | encoding | where                                         | consented",
        "0    | proxy   | a.example.com | unknown    | unread   | none (body past the 1 MiB inflate cap (gzip)) | unverifiable",
        "1 flow, 1 finding: 0 unconsented, 1 unverifiable");
    assertThat(result.exitCode()).isEqualTo(AuditResult.EXIT_CLEAN);
  }

  @Test
  public void clean_capture_renders_headings_and_summary() {
    String table = AuditTable.render(Audit.run(
        List.of(Flows.get("https://www.example.com/").build()), Identities.lab(), AuditTest.POLICY));

    assertThat(table).isEqualTo("""
        flow | channel | host | identifier | encoding | where | consented
        1 flow, 0 findings: 0 unconsented, 0 unverifiable
        """);
  }

  @Test
  public void long_cells_are_cut_so_a_row_stays_on_one_line() {
    String host = "a".repeat(80) + ".example.com";
    String table = AuditTable.render(Audit.run(
        List.of(Flows.get("https://" + host + "/?i=" + Identities.IMEI).build()), Identities.lab(), AuditTest.POLICY));

    assertThat(table).contains("a".repeat(57) + "...").doesNotContain(host);
  }

  @Test
  public void notes_follow_the_table() {
    String table = AuditTable.render(Audit.run(
        List.of(Flows.post("https://a.example.com/", "x").header("Content-Encoding", "gzip").build()),
        Identities.lab(), AuditTest.POLICY));

    assertThat(table.lines().toList()).last().asString().startsWith("note: flow 0 (POST https://a.example.com/)");
  }

  @Test
  public void the_summary_line_says_incomplete_and_what_was_skipped() {
    AuditRun run = new AuditRun(Identities.lab(), AuditTest.POLICY, io.phonehome.detect.DetectorLimits.DEFAULT);
    run.add(Flows.get("https://www.example.com/").index(0).build());
    run.incomplete("phone.pcap: offset 812: packet data cut short: file ends after 3 of 60 bytes");

    assertThat(AuditTable.render(run.result()).lines().toList()).contains("1 flow, 0 findings: 0 unconsented,"
        + " 0 unverifiable; incomplete: phone.pcap: offset 812: packet data cut short: file ends after 3 of 60 bytes");
  }
}
