package io.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.audit.AuditResult;
import io.phonehome.capture.HarWriter;
import io.phonehome.detect.Flows;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@code audit} on HAR files: the table, the JSON, a body too large for memory, a corrupt file. */
public class AuditCommandTest {
  private static final String IMEI = "861234567890123";
  private Path dir;
  private Path identity;
  private String stdout;
  private String stderr;

  @BeforeMethod
  public void writeIdentity() throws IOException {
    dir = Files.createTempDirectory("audit-command");
    identity = Files.writeString(dir.resolve("identity.yaml"), "imei: \"" + IMEI + "\"\nphone-number: \"+886912345678\"\n");
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private int audit(Path har, String... extra) throws UsageException {
    AuditCall call = AuditCall.run(har, identity, extra);
    stdout = call.stdout();
    stderr = call.stderr();
    return call.code();
  }

  private Path smallHar() throws IOException {
    Path har = dir.resolve("small.har");
    HarWriter.write(List.of(
        Flows.get("https://ota.example.com/check?build=5").index(0).build(),
        Flows.postForm("https://api.account.xiaomi.com/pass/v3/activate", "imei=" + IMEI).index(1).build(),
        Flows.get("https://data.mistat.xiaomi.com/r?n=" + Flows.base64("+886912345678")).index(2).build()), har);
    return har;
  }

  @Test
  public void prints_a_table_with_channel_host_identifier_encoding_where_and_consent() throws Exception {
    int code = audit(smallHar());

    assertThat(code).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    List<String> lines = stdout.lines().toList();
    assertThat(lines.get(1)).matches("flow \\| channel \\| host +\\| identifier +\\| encoding \\| where +\\| consented");
    assertThat(lines.get(2)).matches("1 +\\| proxy +\\| api\\.account\\.xiaomi\\.com +\\| imei +\\| plain +\\| body \\(field imei\\) +\\| NO");
    assertThat(lines.get(3)).matches("2 +\\| proxy +\\| data\\.mistat\\.xiaomi\\.com +\\| phone-number +\\| base64 +\\| url \\(param n\\) +\\| NO");
    assertThat(stdout).contains("3 flows, 2 findings: 2 unconsented, 0 unverifiable");
  }

  @Test
  public void writes_findings_json_with_out() throws Exception {
    Path out = dir.resolve("findings.json");

    audit(smallHar(), "--out", out.toString());

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("flows").asInt()).isEqualTo(3);
    assertThat(json.get("findings")).hasSize(2);
    assertThat(json.at("/findings/0/identifier").asText()).isEqualTo("imei");
    assertThat(json.at("/findings/0/location").asText()).isEqualTo("body");
    assertThat(json.at("/findings/1/encoding").asText()).isEqualTo("base64");
    assertThat(stderr).contains("3 flows, 2 unconsented findings; written to " + out);
  }

  @Test
  public void streams_a_body_larger_than_memory_holds_and_leaves_no_spool() throws Exception {
    Path har = dir.resolve("big.har");
    Random random = new Random(3);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    try (Writer w = Files.newBufferedWriter(har, StandardCharsets.UTF_8)) {
      w.write("{\"log\": {\"version\": \"1.2\", \"entries\": [{\"startedDateTime\": \"2014-08-12T02:15:30Z\","
          + " \"request\": {\"method\": \"POST\", \"url\": \"https://upload.example.com/backup\", \"headers\": [],"
          + " \"postData\": {\"mimeType\": \"text/plain\", \"text\": \"");
      char[] run = new char[1 << 16];
      for (int i = 0; i < 150; i++) {
        for (int j = 0; j < run.length; j++) {
          run[j] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        w.write(run);
        if (i == 149) {
          w.write("\\n\\\"imei\\\": \\\"" + IMEI + "\\\"");
        }
      }
      w.write("\"}}}]}}");
    }
    List<Path> before = spools();

    int code = audit(har);

    assertThat(code).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(stdout).containsPattern("0 +\\| proxy +\\| upload\\.example\\.com +\\| imei +\\| plain +\\| body +\\| NO");
    assertThat(stdout).contains("note: flow 0 (POST https://upload.example.com/backup): body of ")
        .contains("searched streaming");
    assertThat(spools()).isEqualTo(before);
  }

  @Test
  public void names_a_corrupt_entry_on_stderr_and_audits_the_entries_after_it() throws Exception {
    Path har = smallHar();
    String text = Files.readString(har);
    int second = text.indexOf("\"request\"", text.indexOf("\"request\"") + 1);
    Files.writeString(har, text.substring(0, second) + "\"request\" \"broken\" " + text.substring(second + 10));

    int code = audit(har);

    assertThat(code).isEqualTo(AuditResult.EXIT_UNCONSENTED);
    assertThat(stderr.lines().filter(l -> l.contains("entry 1 is corrupt at byte "))).hasSize(1);
    assertThat(stdout).contains("data.mistat.xiaomi.com").doesNotContain("api.account.xiaomi.com");
  }

  @Test
  public void a_progress_line_says_mb_read_of_the_whole_flows_and_findings() {
    io.phonehome.audit.HarAudit.Progress p = new io.phonehome.audit.HarAudit.Progress(34_000_000L, 586, 3, 10.0);

    assertThat(p.describe(120_000_000L)).isEqualTo("read 34 of 120 MB, 586 flows, 3 findings (3 MB/s)");
  }

  private static List<Path> spools() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("phonehome-body-")).sorted().toList();
    }
  }
}
