package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Flow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.testng.annotations.Test;

public class StreamingBodyScannerTest {
  private static final int CHUNK = 1 << 16;
  private final StreamingBodyScanner scanner = new StreamingBodyScanner(Identities.lab());

  private static byte[] bodyWith(String needle, int endAt, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(n, 0, body, endAt - n.length, n.length);
    return body;
  }

  private FlowScan scan(Flow flow, byte[] sent) throws IOException {
    return scanner.scan(flow, () -> new ByteArrayInputStream(sent), sent.length);
  }

  @Test
  public void finds_an_imei_that_spans_the_boundary_between_two_chunks() throws IOException {
    byte[] body = bodyWith(Identities.IMEI, CHUNK + 7, 3 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/upload", new byte[0]).index(4).build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).singleElement().satisfies(f -> {
      assertThat(f.identifier()).isEqualTo("imei");
      assertThat(f.encoding()).isEqualTo("plain");
      assertThat(f.location()).isEqualTo(Location.BODY);
      assertThat(f.detail()).isEqualTo("body");
      assertThat(f.flow()).isEqualTo(4);
      assertThat(f.host()).isEqualTo("api.example.com");
      assertThat(f.origin()).isEqualTo("devices.yaml");
    });
    assertThat(scan.notes()).singleElement().asString()
        .contains("searched streaming").contains("hex runs");
  }

  @Test
  public void gives_the_same_findings_as_the_detector_for_a_body_of_encodings() throws IOException {
    String text = "a=" + Identities.IMEI + "&b=" + Flows.base64(Identities.ANDROID_ID)
        + "&c=" + Digests.sha1(Identities.IMEI) + " " + Identities.CANARY;
    Flow flow = Flows.post("https://api.example.com/u", text).build();

    FlowScan streamed = scan(flow, text.getBytes(StandardCharsets.UTF_8));
    FlowScan detected = new Detector(Identities.lab()).scan(flow);

    assertThat(streamed.findings()).extracting(Finding::identifier, Finding::encoding, Finding::location)
        .containsExactlyInAnyOrderElementsOf(detected.findings().stream()
            .map(f -> org.assertj.core.groups.Tuple.tuple(f.identifier(), f.encoding(), f.location())).toList());
  }

  @Test
  public void undoes_gzip_content_encoding_as_a_stream() throws IOException {
    byte[] plain = bodyWith(Identities.PHONE, 5 * CHUNK + 3, 6 * CHUNK);
    byte[] gz = Flows.gzip(plain);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).header("Content-Encoding", "gzip").build();

    FlowScan scan = scan(flow, gz);

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("phone-number", "plain"));
    assertThat(scan.notes()).singleElement().asString().contains("Content-Encoding gzip undone as a stream");
  }

  @Test
  public void an_imei_past_the_streaming_inflate_cap_makes_the_flow_unverifiable() throws IOException {
    byte[] plain = bodyWith(Identities.IMEI, 5 * CHUNK, 6 * CHUNK);
    StreamingBodyScanner capped = new StreamingBodyScanner(Identities.lab(), 4 * CHUNK, 1L << 30);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).header("Content-Encoding", "gzip").build();
    byte[] gz = Flows.gzip(plain);

    FlowScan scan = capped.scan(flow, () -> new ByteArrayInputStream(gz), gz.length);

    assertThat(scan.findings()).singleElement().satisfies(f -> {
      assertThat(f.isUnread()).isTrue();
      assertThat(f.detail()).isEqualTo("body past the 256 KiB inflate cap (gzip)");
    });
  }

  @Test
  public void a_body_that_ends_at_the_streaming_inflate_cap_is_whole() throws IOException {
    byte[] plain = bodyWith(Identities.IMEI, 3 * CHUNK, 4 * CHUNK);
    StreamingBodyScanner capped = new StreamingBodyScanner(Identities.lab(), 4 * CHUNK, 1L << 30);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).header("Content-Encoding", "gzip").build();
    byte[] gz = Flows.gzip(plain);

    FlowScan scan = capped.scan(flow, () -> new ByteArrayInputStream(gz), gz.length);

    assertThat(scan.findings()).extracting(Finding::identifier).containsExactly("imei");
  }

  @Test
  public void gzip_in_a_base64_run_past_its_cap_makes_the_flow_unverifiable() throws IOException {
    String run = Flows.base64(Flows.gzip("0".repeat(300_000) + "contacts=" + Identities.CONTACT_1));
    byte[] body = bodyWith("{\"c\":\"" + run + "\"}", CHUNK + 100, 3 * CHUNK);
    StreamingBodyScanner capped = new StreamingBodyScanner(Identities.lab(), 1L << 30, 4 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    FlowScan scan = capped.scan(flow, () -> new ByteArrayInputStream(body), body.length);

    assertThat(scan.findings()).singleElement().extracting(Finding::detail)
        .isEqualTo("gzip in a base64 run past the 256 KiB inflate cap");
  }

  @Test
  public void a_body_that_is_not_the_gzip_it_claims_is_searched_as_sent() throws IOException {
    byte[] body = ("x=" + Identities.IMEI).getBytes(StandardCharsets.US_ASCII);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).header("Content-Encoding", "gzip").build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).extracting(Finding::identifier).containsExactly("imei");
    assertThat(scan.notes()).anySatisfy(n -> assertThat(n).contains("does not decode"));
  }

  @Test
  public void a_digits_only_match_inside_a_longer_form_is_one_finding() throws IOException {
    // the E.164 form holds the digits-only form; one occurrence, reported once, as the longer
    byte[] body = bodyWith(Identities.PHONE, CHUNK + 2, 2 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).singleElement().satisfies(f -> assertThat(f.form()).isNotEqualTo("digits"));
  }

  @Test
  public void a_checksum_counts_only_alone_even_across_a_chunk_boundary() throws IOException {
    java.util.zip.CRC32 checksum = new java.util.zip.CRC32();
    checksum.update(Identities.IMEI.getBytes(StandardCharsets.US_ASCII));
    String crc = String.format("%08x", checksum.getValue());
    byte[] alone = bodyWith(crc, CHUNK + 4, 2 * CHUNK);
    byte[] glued = bodyWith(crc + "7", CHUNK + 4 + 1, 2 * CHUNK);
    byte[] atEnd = bodyWith(crc, CHUNK, CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    assertThat(scan(flow, alone).findings()).extracting(Finding::encoding).containsExactly("crc32");
    assertThat(scan(flow, glued).findings()).isEmpty();
    assertThat(scan(flow, atEnd).findings()).extracting(Finding::encoding).containsExactly("crc32");
  }

  @Test
  public void decodes_a_base64_run_as_it_streams_past_even_across_chunks() throws IOException {
    String run = Flows.base64("{\"device\":\"" + Identities.IMEI + "\",\"pad\":\"" + "p".repeat(200) + "\"}");
    byte[] body = bodyWith("data=" + run + "&end", CHUNK + 40, 2 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("imei", "base64"));
  }

  @Test
  public void decodes_a_hex_run_as_it_streams_past() throws IOException {
    String run = java.util.HexFormat.of().formatHex(("{\"n\":\"" + Identities.PHONE + "\"}").getBytes(StandardCharsets.UTF_8));
    byte[] body = bodyWith("&h=" + run + "&", CHUNK + 20, 2 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("phone-number", "hex"));
  }

  @Test
  public void inflates_gzip_inside_a_base64_run() throws IOException {
    String run = Flows.base64(Flows.gzip("contacts=" + Identities.CONTACT_1 + "," + "0".repeat(5000)));
    byte[] body = bodyWith("{\"c\":\"" + run + "\"}", CHUNK + 100, 3 * CHUNK);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    FlowScan scan = scan(flow, body);

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("contacts", "gzip+base64"));
  }

  @Test
  public void a_value_at_an_odd_offset_of_a_short_base64_run_is_found_as_the_detector_finds_it() throws IOException {
    String run = Flows.base64("z" + Identities.CANARY);
    byte[] body = bodyWith(" " + run + " ", 1000, 2000);
    Flow flow = Flows.post("https://api.example.com/u", body).build();

    assertThat(run.replace("=", "")).hasSize(14);
    assertThat(scan(flow, body).findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("canary", "base64"));
    assertThat(new Detector(Identities.lab()).scan(flow).findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("canary", "base64"));
  }

  @Test
  public void a_value_planted_in_base64_looking_text_is_found_plain() throws IOException {
    java.util.Random random = new java.util.Random(2);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3 * CHUNK; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    text.replace(CHUNK - 7, CHUNK - 7 + Identities.IMEI.length(), Identities.IMEI);
    byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
    Flow flow = Flows.post("https://api.example.com/u", new byte[0]).build();

    assertThat(scan(flow, body).findings()).extracting(Finding::identifier, Finding::encoding)
        .contains(org.assertj.core.groups.Tuple.tuple("imei", "plain"));
  }

  @Test
  public void reports_its_needles_and_size() {
    assertThat(scanner.needleCount()).isEqualTo(scanner.needleTexts().size()).isGreaterThan(100);
    assertThat(scanner.automatonSize()).contains("states").contains("MB");
  }
}
