package io.phonehome.report.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class FindingsJsonTest {
  private static final String TEST = "OptOutCloudTest.noUploadAfterOptOut";

  private static AuditResult audit() {
    List<Flow> flows = List.of(
        Flows.get("https://www.example.com/").index(0).build(),
        Flows.postForm("https://api.account.xiaomi.com/pass/v3/activate",
            "imei=" + Identities.IMEI + "&c=" + Flows.base64(Flows.gzip(Identities.CONTACT_1)))
            .index(1).build(),
        Flows.tlsRefused(2, "sdk.open.talk.xiaomi.com"));
    return Audit.run(flows, Identities.lab(),
        new OptOutPolicy(ConsentState.of(Map.of("secure:cloud_sync", "0"))));
  }

  @Test
  public void written_findings_validate_against_the_schema() {
    String json = FindingsJsonWriter.toJson(FindingsReport.of("virtual-leaky", TEST, audit()));

    assertThat(FindingsSchema.violations(json)).isEmpty();
  }

  @Test
  public void findings_of_a_retried_test_name_their_try_and_validate() throws Exception {
    FindingsReport once = FindingsReport.of("virtual-leaky", TEST, audit());
    String json = FindingsJsonWriter.toJson(once.plus(once.inTry(2)));

    assertThat(FindingsSchema.violations(json)).isEmpty();
    JsonNode findings = new ObjectMapper().readTree(json).path("findings");
    assertThat(findings.get(0).has("try")).as("a test that ran once has no try").isFalse();
    assertThat(findings.get(findings.size() - 1).path("try").asInt()).isEqualTo(2);
    assertThat(FindingsJsonReader.parse(json, "findings.json").findings().get(findings.size() - 1).attempt())
        .isEqualTo(2);
  }

  @Test
  public void offline_audit_without_device_or_test_validates_against_the_schema() {
    String json = FindingsJsonWriter.toJson(FindingsReport.of(null, null, audit()));

    assertThat(FindingsSchema.violations(json)).isEmpty();
    assertThat(json).doesNotContain("\"device\"").doesNotContain("\"test\"");
  }

  @Test
  public void a_flow_not_read_whole_is_written_unverifiable_with_the_limit_and_validates() throws Exception {
    Flow bomb = Flows.post("https://api.account.xiaomi.com/u", Flows.gzip(new byte[17 << 20]))
        .header("Content-Encoding", "gzip").index(4).build();
    AuditResult audit = Audit.run(List.of(bomb), Identities.lab(), OptOutPolicy.withUnknownState());

    String json = FindingsJsonWriter.toJson(FindingsReport.of(null, null, audit));

    assertThat(FindingsSchema.violations(json)).isEmpty();
    JsonNode entry = new ObjectMapper().readTree(json).at("/findings/0");
    assertThat(entry.get("flow").asInt()).isEqualTo(4);
    assertThat(entry.get("identifier").asText()).isEqualTo("unknown");
    assertThat(entry.get("location").asText()).isEqualTo("none");
    assertThat(entry.get("consented").asBoolean()).isFalse();
    assertThat(entry.get("verdict").asText()).isEqualTo("unverifiable");
    assertThat(entry.get("reason").asText()).contains("body past the 16 MiB inflate cap (gzip)");
    assertThat(FindingsReport.of(null, null, audit).unconsented()).isEmpty();
  }

  @Test
  public void empty_report_validates_against_the_schema() {
    assertThat(FindingsSchema.violations(FindingsJsonWriter.toJson(FindingsReport.empty()))).isEmpty();
  }

  @Test
  public void schema_rejects_a_finding_without_consented() {
    assertThat(FindingsSchema.violations(
        "{\"flows\":1,\"findings\":[{\"flow\":0,\"host\":\"h\",\"channel\":\"proxy\","
            + "\"identifier\":\"imei\",\"encoding\":\"plain\",\"location\":\"url\"}]}"))
        .contains("consented");
  }

  @Test
  public void writes_the_contract_fields_with_their_values() throws Exception {
    JsonNode root = new ObjectMapper().readTree(
        FindingsJsonWriter.toJson(FindingsReport.of("virtual-leaky", TEST, audit())));

    assertThat(root.get("flows").asInt()).isEqualTo(3);
    JsonNode first = root.get("findings").get(0);
    assertThat(first.get("device").asText()).isEqualTo("virtual-leaky");
    assertThat(first.get("test").asText()).isEqualTo(TEST);
    assertThat(first.get("flow").asInt()).isEqualTo(1);
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("host").asText()).isEqualTo("api.account.xiaomi.com");
    assertThat(first.get("url").asText()).isEqualTo("https://api.account.xiaomi.com/pass/v3/activate");
    assertThat(first.get("channel").asText()).isEqualTo("proxy");
    assertThat(first.get("identifier").asText()).isEqualTo("imei");
    assertThat(first.get("encoding").asText()).isEqualTo("plain");
    assertThat(first.get("location").asText()).isEqualTo("body");
    assertThat(first.get("consented").asBoolean()).isFalse();
    assertThat(first.get("verdict").asText()).isEqualTo("unconsented");
    assertThat(first.get("consent").asText()).isEqualTo("secure:cloud_sync=0");
    assertThat(root.get("findings").get(1).get("encoding").asText()).isEqualTo("gzip+base64");
  }

  @Test
  public void tls_refused_flow_is_written_unverifiable_with_location_none() throws Exception {
    JsonNode root = new ObjectMapper().readTree(
        FindingsJsonWriter.toJson(FindingsReport.of("virtual-leaky", TEST, audit())));

    JsonNode hidden = root.get("findings").get(2);
    assertThat(hidden.get("channel").asText()).isEqualTo("tls-refused");
    assertThat(hidden.get("identifier").asText()).isEqualTo("unknown");
    assertThat(hidden.get("encoding").asText()).isEqualTo("opaque");
    assertThat(hidden.get("location").asText()).isEqualTo("none");
    assertThat(hidden.get("consented").asBoolean()).isFalse();
    assertThat(hidden.get("verdict").asText()).isEqualTo("unverifiable");
  }

  @Test
  public void reads_back_what_it_wrote() throws Exception {
    FindingsReport written = FindingsReport.of("virtual-leaky", TEST, audit());
    Path file = Files.createTempDirectory("findings").resolve("run/findings.json");
    try {
      FindingsJsonWriter.write(written, file);

      FindingsReport read = FindingsJsonReader.read(file);

      assertThat(read).isEqualTo(written);
      assertThat(read.unconsented()).hasSize(2);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.getParent());
      Files.deleteIfExists(file.getParent().getParent());
    }
  }

  @Test
  public void reads_the_documented_example_and_ignores_extra_fields() {
    String json = """
        { "flows": 57,
          "findings": [
            { "device": "virtual-leaky", "test": "OptOutCloudTest.noUploadAfterOptOut",
              "flow": 12, "method": "POST", "host": "api.account.xiaomi.com",
              "url": "https://api.account.xiaomi.com/pass/v3/activate",
              "channel": "proxy", "identifier": "imei", "encoding": "md5",
              "location": "body", "consented": false, "size": 312 } ] }
        """;

    FindingsReport report = FindingsJsonReader.parse(json, "findings.json");

    assertThat(report.flows()).isEqualTo(57);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.flow()).isEqualTo(12);
      assertThat(f.encoding()).isEqualTo("md5");
      assertThat(f.unconsented()).isTrue();
    });
  }

  @Test
  public void reader_names_the_entry_missing_a_field() {
    assertThatThrownBy(() -> FindingsJsonReader.parse(
        "{\"flows\":1,\"findings\":[{\"flow\":0,\"host\":\"h\",\"channel\":\"proxy\"}]}", "out.json"))
        .isInstanceOf(FindingsFormatException.class)
        .hasMessage("out.json: findings[0] has no identifier");
  }

  @Test
  public void reader_rejects_negative_flow_count() {
    assertThatThrownBy(() -> FindingsJsonReader.parse("{\"flows\":-1,\"findings\":[]}", "out.json"))
        .isInstanceOf(FindingsFormatException.class)
        .hasMessage("out.json: flows must be >= 0, was -1");
  }

  @Test
  public void reader_names_the_line_of_broken_json() {
    assertThatThrownBy(() -> FindingsJsonReader.parse("{\"flows\": 1,\n\"findings\": [\n", "out.json"))
        .isInstanceOf(FindingsFormatException.class)
        .hasMessageStartingWith("out.json:");
  }

  @Test
  public void reports_of_several_tests_add_up() {
    FindingsReport a = FindingsReport.of("d1", "T.a", audit());
    FindingsReport b = FindingsReport.of("d2", "T.b", audit());

    FindingsReport both = a.plus(b);

    assertThat(both.flows()).isEqualTo(6);
    assertThat(both.findings()).hasSize(6);
    assertThat(FindingsSchema.violations(FindingsJsonWriter.toJson(both))).isEmpty();
  }

  @Test
  public void a_har_entry_the_reader_skipped_is_written_unverifiable_with_why_and_validates() throws Exception {
    io.phonehome.audit.AuditRun run = new io.phonehome.audit.AuditRun(Identities.lab(),
        OptOutPolicy.withUnknownState(), io.phonehome.detect.DetectorLimits.DEFAULT);
    Flow placeholder = new Flow(3, java.time.Instant.EPOCH, io.phonehome.capture.Channel.PROXY, "", "", "unknown",
        List.of(), new byte[0], java.util.Optional.empty(), java.util.Optional.empty());
    run.record(run.unread(placeholder, "HAR entry skipped: nesting depth (1001) exceeds the maximum allowed (1000)"));

    String json = FindingsJsonWriter.toJson(FindingsReport.of(null, null, run.result()));

    assertThat(FindingsSchema.violations(json)).isEmpty();
    JsonNode entry = new ObjectMapper().readTree(json).at("/findings/0");
    assertThat(entry.get("flow").asInt()).isEqualTo(3);
    assertThat(entry.get("identifier").asText()).isEqualTo("unknown");
    assertThat(entry.get("encoding").asText()).isEqualTo("unread");
    assertThat(entry.get("location").asText()).isEqualTo("none");
    assertThat(entry.get("verdict").asText()).isEqualTo("unverifiable");
    assertThat(entry.get("reason").asText()).contains("nesting depth (1001)");
  }
}
