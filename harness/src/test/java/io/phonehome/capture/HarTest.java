package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class HarTest {
  private static final byte[] GZIP_BYTES = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff,
      (byte) 0xc3, 0x28};

  private static Flow proxyFlow(int index, String url, byte[] body, Optional<Flow.Response> r) {
    return new Flow(index, Instant.parse("2014-08-12T02:15:30.123Z"), Channel.PROXY, "POST", url,
        "api.example.test",
        List.of(new Header("Content-Type", "application/octet-stream"),
            new Header("Content-Encoding", "gzip"), new Header("Cookie", "sid=abc; uid=42")),
        body, r, Optional.empty());
  }

  private static HarReader.Result roundTrip(List<Flow> flows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HarWriter.write(flows, out);
    return HarReader.read(new ByteArrayInputStream(out.toByteArray()), "memory");
  }

  @Test
  public void round_trips_binary_and_text_bodies_byte_for_byte() throws IOException {
    Flow binary = proxyFlow(0, "https://api.example.test/up?imei=861234567890123", GZIP_BYTES,
        Optional.of(new Flow.Response(200, List.of(new Header("Content-Type", "text/plain")),
            "ok".getBytes(StandardCharsets.UTF_8))));
    Flow text = proxyFlow(1, "http://api.example.test/t",
        "n=+886912345678 \u00e9".getBytes(StandardCharsets.UTF_8), Optional.empty());

    HarReader.Result result = roundTrip(List.of(binary, text));

    assertThat(result.problems()).isEmpty();
    assertThat(result.flows()).hasSize(2);
    Flow back = result.flows().get(0);
    assertThat(back.requestBody()).isEqualTo(GZIP_BYTES);
    assertThat(back.url()).isEqualTo(binary.url());
    assertThat(back.method()).isEqualTo("POST");
    assertThat(back.time()).isEqualTo(binary.time());
    assertThat(back.requestHeaders()).isEqualTo(binary.requestHeaders());
    assertThat(back.response()).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
    });
    assertThat(result.flows().get(1).requestBody()).isEqualTo(text.requestBody());
    assertThat(result.flows().get(1).response()).isEmpty();
  }

  @Test
  public void round_trips_tls_refused_flows_with_channel_host_and_error() throws IOException {
    Flow refused = new Flow(0, Instant.parse("2014-08-12T02:15:30Z"), Channel.TLS_REFUSED, "",
        "https://pinned.example.test:443", "pinned.example.test", List.of(), new byte[0],
        Optional.empty(), Optional.of("unknown ca"), Optional.of(ByteCount.sentOnly(517)));
    Flow direct = new Flow(1, Instant.parse("2014-08-12T02:15:31Z"), Channel.DIRECT, "",
        "tcp://203.0.113.7:5222", "203.0.113.7", List.of(), new byte[] {1, 2}, Optional.empty(),
        Optional.empty()).withBytes(ByteCount.of(2, 40));

    List<Flow> read = roundTrip(List.of(refused, direct)).flows();
    Flow back = read.get(0);
    assertThat(back.bytes()).contains(ByteCount.sentOnly(517));
    assertThat(read.get(1).bytes()).contains(ByteCount.of(2, 40));

    assertThat(back.channel()).isEqualTo(Channel.TLS_REFUSED);
    assertThat(back.host()).isEqualTo("pinned.example.test");
    assertThat(back.method()).isEmpty();
    assertThat(back.error()).contains("unknown ca");
  }

  @Test
  public void round_trips_an_upload_that_did_not_arrive_whole() throws IOException {
    Flow partial = new Flow(0, Instant.parse("2014-08-12T02:15:30Z"), Channel.PROXY, "POST",
        "http://up.example.test/u", "up.example.test", List.of(), "imei=86".getBytes(StandardCharsets.UTF_8),
        Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("upload still in flight when the window closed: 7 of 5000 bytes arrived"));

    Flow back = roundTrip(List.of(partial, proxyFlow(1, "http://api.example.test/t", new byte[0],
        Optional.empty()))).flows().get(0);

    assertThat(back.incomplete()).isEqualTo(partial.incomplete());
    assertThat(back.requestBody()).isEqualTo(partial.requestBody());
  }

  @Test
  public void writes_har_1_2_with_creator_query_cookies_and_base64_post_data() throws Exception {
    Flow binary = proxyFlow(0, "https://api.example.test/up?imei=86123&v=%2B1", GZIP_BYTES,
        Optional.empty());

    JsonNode har = new ObjectMapper().readTree(HarWriter.toHar(List.of(binary)).toString());

    JsonNode log = har.get("log");
    assertThat(log.get("version").asText()).isEqualTo("1.2");
    assertThat(log.at("/creator/name").asText()).isEqualTo("phonehome");
    JsonNode entry = log.at("/entries/0");
    assertThat(entry.get("startedDateTime").asText()).isEqualTo("2014-08-12T02:15:30.123Z");
    assertThat(entry.get("_channel").asText()).isEqualTo("proxy");
    assertThat(entry.has("timings")).isTrue();
    JsonNode request = entry.get("request");
    assertThat(request.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
    assertThat(request.at("/queryString/1/value").asText()).isEqualTo("+1");
    assertThat(request.at("/cookies/1/name").asText()).isEqualTo("uid");
    assertThat(request.at("/postData/mimeType").asText()).isEqualTo("application/octet-stream");
    assertThat(request.at("/postData/encoding").asText()).isEqualTo("base64");
    assertThat(request.at("/postData/_encoding").asText()).isEqualTo("base64");
    assertThat(entry.at("/response/status").asInt()).isZero();
  }

  @Test
  public void reads_a_browser_har_and_names_the_entries_it_skipped() throws IOException {
    HarReader.Result result;
    try (InputStream in = HarTest.class.getResourceAsStream("browser-sample.har")) {
      result = HarReader.read(in, "browser-sample.har");
    }

    assertThat(result.flows()).extracting(Flow::index).containsExactly(0, 1, 2, 4);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
        "entry 3 skipped: no request"));
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).startsWith(
        "entry 4: startedDateTime \"yesterday\""));

    Flow get = result.flows().get(0);
    assertThat(get.host()).isEqualTo("account.example.test");
    assertThat(get.time()).isEqualTo(Instant.parse("2014-08-12T02:15:30.123Z"));
    assertThat(get.requestHeader("Cookie")).contains("sid=abc; uid=42");
    assertThat(get.response()).hasValueSatisfying(r ->
        assertThat(r.body()).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

    Flow failed = result.flows().get(1);
    assertThat(new String(failed.requestBody(), StandardCharsets.UTF_8))
        .isEqualTo("imei=861234567890123&n=%2B886912345678");
    assertThat(failed.response()).isEmpty();
    assertThat(failed.error()).contains("net::ERR_CONNECTION_RESET");

    assertThat(new String(result.flows().get(2).requestBody(), StandardCharsets.UTF_8))
        .isEqualTo("n=%2B886912345678");
    assertThat(result.flows().get(3).requestBody())
        .isEqualTo(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
  }

  @Test
  public void refuses_a_file_that_is_not_har_naming_it() throws IOException {
    Path file = Files.createTempFile("not", ".har");
    try {
      Files.writeString(file, "{\"log\": {}}");

      assertThatThrownBy(() -> HarReader.read(file))
          .isInstanceOf(IOException.class)
          .hasMessage(file + " is not HAR 1.2: it has no log.entries array");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  public void refuses_truncated_json_before_the_entries_with_its_line() {
    assertThatThrownBy(() -> HarReader.read(
        new ByteArrayInputStream("{\"log\":\n{\"version\": \"1.".getBytes(StandardCharsets.UTF_8)),
        "cut.har"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cut.har is not JSON:")
        .hasMessageContaining("line 2");
  }

  @Test
  public void reports_a_file_cut_right_after_the_entries_began() throws IOException {
    HarReader.Result result = HarReader.read(
        new ByteArrayInputStream("{\"log\":\n{\"entries\": [".getBytes(StandardCharsets.UTF_8)), "cut.har");

    assertThat(result.flows()).isEmpty();
    assertThat(result.problems()).singleElement().asString().startsWith("cut.har: cut short at byte 21 inside entry 0");
  }
}
