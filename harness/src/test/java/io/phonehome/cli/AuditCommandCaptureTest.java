package io.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.pcap.Packets;
import io.phonehome.capture.pcap.PcapWriter;
import io.phonehome.report.findings.FindingsSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * {@code audit} on captures it cannot read, or reads only in part: exit 2 with one line for
 * a file it could not read at all; "incomplete" in the summary and no exit 0 for a skipped
 * part; exit 1 whenever an unconsented upload was seen in what was read.
 */
public class AuditCommandCaptureTest {
  private static final String IMEI = "861234567890123";
  private static final Instant T0 = Instant.parse("2014-08-12T02:15:30Z");
  private static final String PHONE = "10.0.2.15";
  private Path dir;
  private Path identity;

  @BeforeMethod
  public void writeIdentity() throws IOException {
    dir = Files.createTempDirectory("audit-capture");
    identity = Files.writeString(dir.resolve("identity.yaml"), "imei: \"" + IMEI + "\"\n");
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private AuditCall audit(String... captures) throws UsageException {
    String[] args = Arrays.copyOf(captures, captures.length + 2);
    args[captures.length] = "--identity";
    args[captures.length + 1] = identity.toString();
    return AuditCall.of(args);
  }

  private static String har(String... entries) {
    return "{\"log\": {\"version\": \"1.2\", \"entries\": [\n" + String.join(",\n", entries) + "\n]}}\n";
  }

  private static String post(String url, String text) {
    return "{\"startedDateTime\": \"2014-08-12T02:15:30Z\", \"request\": {\"method\": \"POST\", \"url\": \"" + url
        + "\", \"headers\": [], \"postData\": {\"text\": \"" + text + "\"}}}";
  }

  private static String tooDeep(String url) {
    String deep = "{\"a\": ".repeat(1100) + "1" + "}".repeat(1100);
    return post(url, "x").replaceFirst("\\}$", ", \"_extra\": " + deep + "}");
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** A DNS query, then a UDP datagram that carries {@code payload}, raw IP. */
  private static byte[] pcap(String payload) {
    return new PcapWriter(PcapWriter.Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, Packets.udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1, "ota.example.com", 1)))
        .packet(T0.plusMillis(1), Packets.udp(PHONE, 5001, "203.0.113.7", 9999,
            payload.getBytes(StandardCharsets.UTF_8)))
        .bytes();
  }

  private static void assertOneLineNoTrace(AuditCall call, String line) {
    assertThat(call.stdout()).isEmpty();
    assertThat(call.stderr().lines()).containsExactly(line);
    assertThat(call.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  public void a_pcap_with_a_bad_magic_exits_2_in_one_line_naming_the_file_and_the_fix() throws Exception {
    byte[] bytes = new byte[64];
    bytes[0] = (byte) 0xde;
    bytes[1] = (byte) 0xad;
    bytes[2] = (byte) 0xbe;
    bytes[3] = (byte) 0xef;
    Path pcap = file("phone.pcap", bytes);

    AuditCall call = audit("--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_VERDICT_UNKNOWN);
    assertOneLineNoTrace(call, "phonehome audit: " + pcap + " is not a packet capture: magic deadbeef is neither"
        + " pcap nor pcapng (give a pcap or pcapng file, as tcpdump -w and Wireshark write)");
  }

  @Test
  public void a_har_given_as_pcap_and_a_pcap_given_as_har_are_named_with_the_option_to_use() throws Exception {
    Path har = file("capture.har", har(post("https://a.example.com/", "x")));
    Path pcap = file("phone.pcap", pcap("hello"));

    AuditCall harAsPcap = audit("--pcap", har.toString());
    AuditCall pcapAsHar = audit("--har", pcap.toString());

    assertThat(harAsPcap.code()).isEqualTo(2);
    assertThat(harAsPcap.stderr()).endsWith("(it looks like JSON, a HAR?: give it with --har)\n");
    assertThat(pcapAsHar.code()).isEqualTo(2);
    assertThat(pcapAsHar.stderr()).startsWith("phonehome audit: " + pcap + " is not JSON: ")
        .endsWith("(it is a packet capture: give it with --pcap)\n");
  }

  @Test
  public void a_har_that_is_not_json_exits_2_in_one_line() throws Exception {
    Path har = file("capture.har", "hello, this is not a capture\n");

    AuditCall call = audit("--har", har.toString());

    assertThat(call.code()).isEqualTo(2);
    assertThat(call.stdout()).isEmpty();
    assertThat(call.stderr().lines()).singleElement().asString()
        .startsWith("phonehome audit: " + har + " is not JSON: Unrecognized token 'hello'");
  }

  @Test
  public void json_that_is_not_har_exits_2_in_one_line() throws Exception {
    Path har = file("capture.har", "{\"flows\": 3, \"findings\": []}");

    AuditCall call = audit("--har", har.toString());

    assertThat(call.code()).isEqualTo(2);
    assertOneLineNoTrace(call, "phonehome audit: " + har + " is not HAR 1.2: it has no log.entries array");
  }

  @Test
  public void a_pcap_cut_inside_a_record_is_incomplete_and_exits_2_when_nothing_unconsented_was_read() throws Exception {
    byte[] whole = pcap("hello");
    Path pcap = file("phone.pcap", Arrays.copyOf(whole, whole.length - 3));

    AuditCall call = audit("--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_VERDICT_UNKNOWN);
    assertThat(call.stdout()).containsPattern("1 flow, 0 findings: 0 unconsented, 0 unverifiable; incomplete: "
        + java.util.regex.Pattern.quote(pcap.toString()) + ": offset \\d+: packet data cut short");
    assertThat(call.stderr()).contains(pcap + ": offset ");
  }

  @Test
  public void a_pcap_cut_after_an_unconsented_upload_exits_1_and_still_says_incomplete() throws Exception {
    byte[] whole = new PcapWriter(PcapWriter.Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, Packets.udp(PHONE, 5001, "203.0.113.7", 9999, ("imei=" + IMEI).getBytes(StandardCharsets.UTF_8)))
        .packet(T0.plusMillis(1), Packets.udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1, "ota.example.com", 1)))
        .bytes();
    Path pcap = file("phone.pcap", Arrays.copyOf(whole, whole.length - 3));

    AuditCall call = audit("--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(call.stdout()).containsPattern("\\| direct +\\| .* imei ")
        .contains("1 unconsented, 0 unverifiable; incomplete: " + pcap + ": offset ");
  }

  @Test
  public void a_har_entry_nested_too_deep_beside_a_clean_one_is_unverifiable_and_exits_2() throws Exception {
    Path har = file("capture.har", har(tooDeep("https://deep.example.com/u"), post("https://a.example.com/", "hello")));

    AuditCall call = audit("--har", har.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_VERDICT_UNKNOWN);
    assertThat(call.stdout()).containsPattern("0 +\\| proxy +\\| unknown +\\| unknown +\\| unread +\\| none \\(HAR entry"
        + " skipped: nesting depth \\(1001\\) .*\\| unverifiable")
        .contains("2 flows, 1 finding: 0 unconsented, 1 unverifiable; incomplete: " + har + ": entry 0 skipped"
            + " (nesting depth (1001) exceeds the maximum allowed (1000) at byte ");
    assertThat(call.stderr()).contains("entry 0 is past a limit of the reader");
  }

  @Test
  public void a_har_entry_nested_too_deep_before_a_leak_exits_1_and_the_leak_is_found() throws Exception {
    Path har = file("capture.har", har(tooDeep("https://deep.example.com/u"),
        post("https://api.account.xiaomi.com/pass/v3/activate", "imei=" + IMEI)));

    AuditCall call = audit("--har", har.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(call.stdout()).containsPattern("1 +\\| proxy +\\| api\\.account\\.xiaomi\\.com +\\| imei +\\| plain");
  }

  @Test
  public void a_har_entry_without_its_request_is_unverifiable_in_findings_json_which_validates() throws Exception {
    Path har = file("capture.har", har("{\"startedDateTime\": \"2014-08-12T02:15:30Z\"}", post("https://a.example.com/", "x")));
    Path out = dir.resolve("findings.json");

    AuditCall call = audit("--har", har.toString(), "--out", out.toString());

    assertThat(call.code()).isEqualTo(2);
    String json = Files.readString(out);
    assertThat(FindingsSchema.violations(json)).isEmpty();
    JsonNode finding = new ObjectMapper().readTree(json).at("/findings/0");
    assertThat(finding.get("flow").asInt()).isZero();
    assertThat(finding.get("verdict").asText()).isEqualTo("unverifiable");
    assertThat(finding.get("encoding").asText()).isEqualTo("unread");
    assertThat(finding.get("reason").asText()).contains("HAR entry skipped: no request");
    assertThat(call.stderr()).contains("2 flows, 0 unconsented findings; incomplete: " + har
        + ": entry 0 skipped (no request); written to " + out);
  }

  @Test
  public void a_readable_har_beside_an_unreadable_pcap_is_audited_but_exits_2_saying_why() throws Exception {
    Path har = file("capture.har", har(post("https://a.example.com/", "hello")));
    Path pcap = file("phone.pcap", "not a capture");

    AuditCall call = audit("--har", har.toString(), "--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_VERDICT_UNKNOWN);
    assertThat(call.stdout()).contains("1 flow, 0 findings: 0 unconsented, 0 unverifiable; incomplete: " + pcap
        + " is not a packet capture");
    assertThat(call.stderr().lines()).singleElement().asString()
        .startsWith("phonehome audit: " + pcap + " is not a packet capture: magic 6e6f7420")
        .endsWith("; only " + har + " was audited, so the verdict is unknown");
  }

  @Test
  public void a_leaking_har_beside_an_unreadable_pcap_exits_1() throws Exception {
    Path har = file("capture.har", har(post("https://api.account.xiaomi.com/pass/v3/activate", "imei=" + IMEI)));
    Path pcap = file("phone.pcap", "not a capture");

    AuditCall call = audit("--har", har.toString(), "--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(call.stderr()).contains("only " + har + " was audited (it shows unconsented uploads)");
  }

  @Test
  public void a_capture_read_whole_with_nothing_unconsented_exits_0_and_says_nothing_of_incomplete() throws Exception {
    Path har = file("capture.har", har(post("https://a.example.com/", "hello")));
    Path pcap = file("phone.pcap", pcap("hello"));

    AuditCall call = audit("--har", har.toString(), "--pcap", pcap.toString());

    assertThat(call.code()).isEqualTo(AuditResult.EXIT_CLEAN);
    assertThat(call.stdout()).doesNotContain("incomplete");
    assertThat(call.stderr()).isEmpty();
  }
}
