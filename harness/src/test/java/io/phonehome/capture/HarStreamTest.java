package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** HAR shapes of mitmproxy, Chrome, Firefox and Charles, read one entry at a time. */
public class HarStreamTest {
  private static final String IMEI = "861234567890123";
  private Path dir;
  private Path spools;

  @BeforeMethod
  public void makeDirs() throws IOException {
    dir = Files.createTempDirectory("har-stream");
    spools = Files.createDirectories(dir.resolve("spool"));
  }

  @AfterMethod(alwaysRun = true)
  public void removeDirs() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private record Read(List<HarStream.Entry> entries, List<String> problems, List<HarStream.Skipped> skipped,
      boolean stoppedEarly) {
    Flow flow(int i) {
      return entries.get(i).flow();
    }

    String body(int i) {
      return new String(flow(i).requestBody(), StandardCharsets.UTF_8);
    }
  }

  private Read read(String har, long largeBody) throws IOException {
    Path file = Files.writeString(dir.resolve("capture.har"), har);
    List<HarStream.Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<HarStream.Skipped> skipped = new ArrayList<>();
    try (HarStream stream = HarStream.open(file, largeBody, spools)) {
      while (stream.hasNext()) {
        entries.add(stream.next());
        skipped.addAll(stream.takeSkipped());
      }
      problems.addAll(stream.takeProblems());
      skipped.addAll(stream.takeSkipped());
      return new Read(entries, problems, skipped, stream.stoppedEarly());
    }
  }

  private static String har(String... entries) {
    return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"t\"}, \"entries\": [\n"
        + String.join(",\n", entries) + "\n]}}\n";
  }

  private static String post(String url, String postData) {
    return "{\"startedDateTime\": \"2014-08-12T02:15:30Z\", \"request\": {\"method\": \"POST\", \"url\": \"" + url
        + "\", \"headers\": [], \"postData\": " + postData + "}, \"response\": {\"status\": 200}}";
  }

  @Test
  public void reads_a_mitmproxy_har() throws IOException {
    Read read = read("""
        {"log": {"version": "1.2", "creator": {"name": "mitmproxy", "version": "10.1.1", "comment": ""}, "pages": [],
         "entries": [{"startedDateTime": "2014-08-12T02:15:30.123456+00:00", "time": 12.5,
          "request": {"method": "POST", "url": "http://api.account.xiaomi.com/pass/v3/activate", "httpVersion": "HTTP/1.1",
           "cookies": [], "headers": [{"name": "Host", "value": "api.account.xiaomi.com"},
            {"name": "Content-Type", "value": "application/x-www-form-urlencoded"}],
           "queryString": [], "headersSize": 210, "bodySize": 20,
           "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "imei=861234567890123",
            "params": [{"name": "imei", "value": "861234567890123"}]}},
          "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [], "headers": [],
           "content": {"size": 3, "compression": 0, "mimeType": "application/octet-stream", "text": "AAEC",
            "encoding": "base64"}, "redirectURL": "", "headersSize": 80, "bodySize": 3},
          "cache": {}, "timings": {"send": 0, "receive": 0, "wait": 12, "connect": -1, "ssl": -1},
          "serverIPAddress": "127.0.0.1"}]}}
        """, HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.problems()).isEmpty();
    assertThat(read.flow(0).host()).isEqualTo("api.account.xiaomi.com");
    assertThat(read.body(0)).isEqualTo("imei=" + IMEI);
    assertThat(read.flow(0).response()).hasValueSatisfying(r -> assertThat(r.body()).containsExactly(0, 1, 2));
  }

  @Test
  public void reads_a_chrome_har_whose_fields_come_after_the_request() throws IOException {
    Read read = read(har("""
        {"_initiator": {"type": "script", "stack": {"callFrames": [{"functionName": "f", "url": "x.js"}]}},
         "_priority": "High", "_resourceType": "xhr", "cache": {}, "connection": "443", "pageref": "page_1",
         "request": {"method": "POST", "url": "https://sdk.example.test/report", "httpVersion": "http/2.0",
          "headers": [{"name": ":authority", "value": "sdk.example.test"}], "queryString": [], "cookies": [],
          "headersSize": -1, "bodySize": 20, "postData": {"mimeType": "text/plain", "text": "id=861234567890123"}},
         "response": {"status": 0, "statusText": "", "httpVersion": "", "headers": [], "cookies": [],
          "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1, "bodySize": -1,
          "_transferSize": 0, "_error": "net::ERR_CONNECTION_RESET"},
         "serverIPAddress": "", "startedDateTime": "2014-08-12T10:15:31.000+08:00", "time": 10, "timings": {}}
        """), HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.problems()).isEmpty();
    assertThat(read.body(0)).isEqualTo("id=" + IMEI);
    assertThat(read.flow(0).time()).isEqualTo(java.time.Instant.parse("2014-08-12T02:15:31Z"));
    assertThat(read.flow(0).response()).isEmpty();
  }

  @Test
  public void reads_a_firefox_har_with_params_only_and_escaped_text() throws IOException {
    Read read = read(har("""
        {"pageref": "page_1", "startedDateTime": "2014-08-12T10:15:31.000+08:00",
         "request": {"bodySize": 30, "method": "POST", "url": "https://a.example.test/f", "httpVersion": "HTTP/1.1",
          "headers": [], "cookies": [], "queryString": [], "headersSize": 300,
          "postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "n", "value": "+886912345678"}]}},
         "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
          "content": {"mimeType": "text/html", "size": 0, "text": ""}, "redirectURL": "", "headersSize": 100, "bodySize": 0},
         "cache": {}, "timings": {"wait": 5}, "time": 5, "_securityState": "secure"}
        """, """
        {"pageref": "page_1", "startedDateTime": "2014-08-12T10:15:32.000+08:00",
         "request": {"bodySize": 30, "method": "POST", "url": "https://a.example.test/j", "httpVersion": "HTTP/1.1",
          "headers": [], "cookies": [], "queryString": [], "headersSize": 300,
          "postData": {"mimeType": "application/json", "params": [], "text": "{\\"imei\\":\\"861234567890123\\",\\"n\\":\\"\\u00e9\\"}"}},
         "response": {"status": 200, "headers": [], "content": {"size": 0}}}
        """), HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.body(0)).isEqualTo("n=%2B886912345678");
    assertThat(read.body(1)).isEqualTo("{\"imei\":\"" + IMEI + "\",\"n\":\"\u00e9\"}");
  }

  @Test
  public void reads_a_charles_har_with_base64_bodies_whichever_field_says_so() throws IOException {
    String b64 = Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 8, 0, 'i', 'd'});
    Read read = read(har(
        post("https://c.example.test/1", "{\"mimeType\": \"application/octet-stream\", \"text\": \"" + b64
            + "\", \"encoding\": \"base64\"}"),
        post("https://c.example.test/2", "{\"_encoding\": \"base64\", \"mimeType\": \"x\", \"text\": \"" + b64 + "\"}"),
        post("https://c.example.test/3", "{\"mimeType\": \"x\", \"text\": \"" + b64 + "\"}")),
        HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.flow(0).requestBody()).containsExactly(0x1f, 0x8b, 8, 0, 'i', 'd');
    assertThat(read.flow(1).requestBody()).containsExactly(0x1f, 0x8b, 8, 0, 'i', 'd');
    assertThat(read.body(2)).isEqualTo(b64);
  }

  @Test
  public void spools_a_large_body_with_its_json_escapes_undone_and_deletes_it_on_close() throws IOException {
    String text = "imei=" + IMEI + "&x=" + "\\\"q\\\\\\n\\u00e9\\ud83d\\ude00".repeat(40) + "&end";
    Read read = read(har(post("https://big.example.test/u", "{\"mimeType\": \"text/plain\", \"text\": \"" + text + "\"}"),
        post("https://small.example.test/u", "{\"text\": \"tiny\"}")), 100);

    HarStream.Entry big = read.entries().get(0);
    assertThat(big.flow().requestBody()).isEmpty();
    assertThat(big.largeBody()).isPresent();
    LargeBody body = big.largeBody().get();
    try (InputStream in = body.open()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("imei=" + IMEI + "&x=" + "\"q\\\n\u00e9\ud83d\ude00".repeat(40) + "&end");
    }
    assertThat(read.body(1)).isEqualTo("tiny");
    assertThat(read.entries().get(1).largeBody()).isEmpty();
    body.close();
    try (Stream<Path> left = Files.list(spools)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  public void spools_a_large_base64_body_and_decodes_it_when_encoding_comes_after_the_text() throws IOException {
    byte[] payload = new byte[3000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    String b64 = Base64.getMimeEncoder().encodeToString(payload).replace("\r\n", "\\r\\n");
    Read read = read(har(post("https://big.example.test/b", "{\"text\": \"" + b64 + "\", \"encoding\": \"base64\"}")), 500);

    LargeBody body = read.entries().get(0).largeBody().orElseThrow();
    try (InputStream in = body.open()) {
      assertThat(in.readAllBytes()).isEqualTo(payload);
    }
    assertThat(body.base64()).isTrue();
    body.close();
  }

  @Test
  public void a_large_response_body_is_dropped_and_its_spool_deleted() throws IOException {
    String entry = "{\"request\": {\"method\": \"GET\", \"url\": \"https://r.example.test/\"}, \"response\": {\"status\": 200,"
        + " \"content\": {\"text\": \"" + "z".repeat(1000) + "\"}}}";
    Read read = read(har(entry), 100);

    assertThat(read.flow(0).response()).hasValueSatisfying(r -> assertThat(r.body()).isEmpty());
    try (Stream<Path> left = Files.list(spools)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  public void a_corrupt_entry_is_named_with_its_byte_and_the_entries_after_it_are_read() throws IOException {
    String good0 = post("https://a.example.test/0", "{\"text\": \"zero\"}");
    String bad = "{\"request\": {\"method\": \"POST\", \"url\": \"https://a.example.test/1\", \"headers\": [{\"name\": \"x\", "
        + "\"value\": \"v\"}, {\"name\": \"y\" \"value\": \"w\"}], \"postData\": {\"text\": \"one\"}}}";
    String good2 = post("https://a.example.test/2", "{\"text\": \"two\"}");
    String good3 = post("https://a.example.test/3", "{\"text\": \"three\"}");
    String har = har(good0, bad, good2, good3);
    Read read = read(har, HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.entries()).extracting(e -> e.flow().index()).containsExactly(0, 2, 3);
    assertThat(read.body(1)).isEqualTo("two");
    long at = har.indexOf("\"value\": \"w\"");
    assertThat(read.problems()).singleElement().asString()
        .startsWith(dir.resolve("capture.har") + ": entry 1 is corrupt at byte " + at + " (")
        .endsWith("skipped to the next entry that reads")
        .doesNotContain("\n");
  }

  @Test
  public void a_truncated_file_is_reported_with_the_cut_and_the_entries_before_it_are_read() throws IOException {
    String har = har(post("https://a.example.test/0", "{\"text\": \"zero\"}"),
        post("https://a.example.test/1", "{\"text\": \"one\"}"),
        post("https://a.example.test/2", "{\"text\": \"" + "two".repeat(100) + "\"}"));
    int cut = har.indexOf("twotwo") + 50;
    Read read = read(har.substring(0, cut), 64);

    assertThat(read.entries()).extracting(e -> e.flow().index()).containsExactly(0, 1);
    assertThat(read.problems()).singleElement().asString()
        .startsWith(dir.resolve("capture.har") + ": cut short at byte " + cut + " inside entry 2 (")
        .endsWith("the entries before it are read");
    try (Stream<Path> left = Files.list(spools)) {
      assertThat(left).as("the spool of the cut body").isEmpty();
    }
  }

  @Test
  public void an_unusable_entry_is_skipped_by_index() throws IOException {
    Read read = read(har("{\"response\": {}}", "7", post("https://a.example.test/2", "{\"text\": \"two\"}")),
        HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.entries()).extracting(e -> e.flow().index()).containsExactly(2);
    assertThat(read.problems()).containsExactly("entry 0 skipped: no request", "entry 1 skipped: not an object");
  }

  @Test
  public void an_unusable_entry_is_handed_over_with_what_it_still_says() throws IOException {
    String noUrl = "{\"startedDateTime\": \"2014-08-12T02:15:30Z\", \"_host\": \"h.example.test\","
        + " \"request\": {\"method\": \"POST\"}}";
    Read read = read(har(noUrl, "7", post("https://a.example.test/2", "{\"text\": \"two\"}")),
        HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.skipped()).extracting(s -> s.flow().index(), HarStream.Skipped::why)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "no request.url"),
            org.assertj.core.groups.Tuple.tuple(1, "not an object"));
    Flow known = read.skipped().get(0).flow();
    assertThat(known.method()).isEqualTo("POST");
    assertThat(known.host()).isEqualTo("h.example.test");
    assertThat(known.time()).isEqualTo(java.time.Instant.parse("2014-08-12T02:15:30Z"));
    assertThat(read.skipped().get(1).flow().host()).isEqualTo("unknown");
    assertThat(read.stoppedEarly()).isFalse();
  }

  @Test
  public void an_entry_nested_past_the_depth_limit_is_skipped_and_the_entry_after_it_is_read() throws IOException {
    String deep = "{\"a\": ".repeat(1100) + "1" + "}".repeat(1100);
    String tooDeep = post("https://deep.example.test/0", "{\"text\": \"zero\"}")
        .replace("\"response\"", "\"_extra\": " + deep + ", \"response\"");
    String har = har(tooDeep, post("https://a.example.test/1", "{\"text\": \"one\"}"));

    Read read = read(har, HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.entries()).extracting(e -> e.flow().index()).containsExactly(1);
    assertThat(read.body(0)).isEqualTo("one");
    assertThat(read.skipped()).singleElement().satisfies(s -> {
      assertThat(s.flow().index()).isZero();
      assertThat(s.why()).matches("nesting depth \\(1001\\) exceeds the maximum allowed \\(1000\\) at byte \\d+");
    });
    assertThat(read.problems()).singleElement().asString()
        .contains("entry 0 is past a limit of the reader at byte ")
        .endsWith("skipped to the next entry that reads")
        .doesNotContain("StreamReadConstraints");
    assertThat(read.stoppedEarly()).as("the file goes on past the deep entry").isFalse();
  }

  @Test
  public void a_file_cut_inside_an_entry_hands_that_entry_over_and_says_reading_stopped_early() throws IOException {
    String har = har(post("https://a.example.test/0", "{\"text\": \"zero\"}"),
        post("https://a.example.test/1", "{\"text\": \"one\"}"));
    Read read = read(har.substring(0, har.indexOf("\"one\"")), HarStream.DEFAULT_LARGE_BODY);

    assertThat(read.entries()).extracting(e -> e.flow().index()).containsExactly(0);
    assertThat(read.skipped()).singleElement().satisfies(s -> {
      assertThat(s.flow().index()).isEqualTo(1);
      assertThat(s.why()).isEqualTo("the file is cut short inside it");
    });
    assertThat(read.stoppedEarly()).isTrue();
  }

  @Test
  public void a_file_that_is_not_json_is_refused_naming_it_and_where() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.har"), "this is not a capture\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HarStream.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + " is not JSON: ")
        .hasMessageContaining("line 1, byte ");
  }

  @Test
  public void json_that_is_not_har_is_refused_naming_what_is_missing() throws IOException {
    Path array = Files.writeString(dir.resolve("array.har"), "[{\"request\": {}}]");
    Path findings = Files.writeString(dir.resolve("findings.har"), "{\"flows\": 3, \"findings\": []}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HarStream.open(array))
        .hasMessage(array + " is not HAR 1.2: it is not a JSON object");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HarStream.open(findings))
        .hasMessage(findings + " is not HAR 1.2: it has no log.entries array");
  }
}
