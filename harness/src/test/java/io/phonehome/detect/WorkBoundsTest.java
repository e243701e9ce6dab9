package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.testng.annotations.Test;

/** The work per flow stays linear in its size however much of it looks encoded. */
public class WorkBoundsTest {
  private static final String URL = "https://api.example.com/u";
  private static final int FIVE_MB = 5 << 20;

  private final Detector detector = new Detector(NeedleCountTest.twentyIdentifiers());

  private static String randomBase64(Random random, int length) {
    byte[] bytes = new byte[length * 3 / 4 + 3];
    random.nextBytes(bytes);
    return Base64.getEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }

  @Test
  public void five_megabytes_of_one_base64_run_is_searched_in_linear_work() {
    String body = randomBase64(new Random(1), FIVE_MB);

    Detector.Counted counted = detector.scanCounted(Flows.post(URL, body).build());

    assertThat(counted.scan().findings()).isEmpty();
    assertThat(counted.work().bytesSearched()).isLessThanOrEqualTo(3L * FIVE_MB);
    assertThat(counted.work().bytesDecoded()).isLessThanOrEqualTo(2L * FIVE_MB);
    System.out.println("one 5 MB base64 run: " + counted.work());
  }

  @Test
  public void five_megabytes_of_base64_wrapped_in_lines_is_one_run_in_linear_work() {
    Random random = new Random(6);
    StringBuilder body = new StringBuilder(FIVE_MB + 80);
    while (body.length() < FIVE_MB) {
      body.append(randomBase64(random, 76)).append("\n");
    }

    Detector.Counted counted = detector.scanCounted(Flows.post(URL, body.toString()).build());

    assertThat(counted.scan().findings()).isEmpty();
    assertThat(counted.work().bytesSearched()).isLessThanOrEqualTo(2L * FIVE_MB);
    assertThat(counted.work().bytesDecoded()).isLessThanOrEqualTo(FIVE_MB);
    System.out.println("5 MB of base64 in 76-character lines: " + counted.work());
  }

  @Test
  public void five_megabytes_of_short_base64_tokens_decode_a_bounded_number_of_runs_with_a_note() {
    Random random = new Random(2);
    StringBuilder body = new StringBuilder(FIVE_MB + 80);
    while (body.length() < FIVE_MB) {
      body.append(randomBase64(random, 40 + random.nextInt(30))).append(' ');
    }

    Detector.Counted counted = detector.scanCounted(Flows.post(URL, body.toString()).build());

    // the runs past the cap were never decoded: the flow is not clean, it is unverifiable
    assertThat(counted.scan().findings()).singleElement()
        .extracting(Finding::encoding, Finding::detail)
        .containsExactly("unread", "body: encoded runs past the per-part cap of 4096");
    assertThat(counted.work().parts()).isLessThanOrEqualTo(DetectorLimits.DEFAULT.maxRunsPerPart() * 3 + 10);
    assertThat(counted.work().bytesSearched()).isLessThanOrEqualTo(2L * FIVE_MB);
    assertThat(counted.scan().notes()).anyMatch(n -> n.contains("runs") && n.contains("per-part limit"));
    System.out.println("5 MB of base64 tokens: " + counted.work());
  }

  @Test
  public void a_value_inside_five_megabytes_of_base64_is_still_found() {
    Random random = new Random(3);
    byte[] payload = new byte[FIVE_MB * 3 / 4];
    random.nextBytes(payload);
    byte[] value = ("imei=" + NeedleCountTest.twentyIdentifiers().valuesOf("imei").get(0).value() + ";")
        .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(value, 0, payload, payload.length / 2 + 1, value.length);
    String body = "{\"blob\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}";

    Detector.Counted counted = detector.scanCounted(Flows.post(URL, body).build());

    assertThat(counted.scan().findings()).extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(org.assertj.core.api.Assertions.tuple("imei", "base64", "json $.blob"));
    assertThat(counted.work().bytesSearched()).isLessThanOrEqualTo(3L * body.length());
  }

  @Test
  public void a_protobuf_of_fifty_thousand_encoded_fields_is_searched_in_bounded_work() {
    Random random = new Random(5);
    java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 50_000; i++) {
      byte[] token = randomBase64(random, 16).getBytes(StandardCharsets.US_ASCII);
      message.write(1 << 3 | 2);
      message.write(token.length);
      message.writeBytes(token);
    }
    byte[] body = message.toByteArray();

    Detector.Counted counted = detector.scanCounted(Flows.post(URL, body)
        .header("Content-Type", "application/x-protobuf").build());

    assertThat(counted.scan().findings()).singleElement()
        .extracting(Finding::encoding, Finding::detail)
        .containsExactly("unread", "body: encoded fields past the per-part cap of 4096");
    assertThat(counted.work().parts()).isLessThanOrEqualTo(DetectorLimits.DEFAULT.maxRunsPerPart() + 10);
    assertThat(counted.work().bytesSearched()).isLessThanOrEqualTo(2L * body.length);
    assertThat(counted.scan().notes()).singleElement().asString().contains("encoded fields").contains("per-part limit");
  }

  @Test
  public void multipart_parts_past_the_part_cap_make_the_flow_unverifiable() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      body.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\n")
          .append(i == 11 ? Identities.IMEI : "x").append("\r\n");
    }
    body.append("--b--\r\n");
    Detector small = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 64L << 20, 8));

    FlowScan scan = small.scan(Flows.post(URL, body.toString())
        .header("Content-Type", "multipart/form-data; boundary=b").build());

    assertThat(scan.findings()).singleElement().satisfies(f -> {
      assertThat(f.isUnread()).isTrue();
      assertThat(f.detail()).contains("multipart body past the per-flow cap of 8 parts");
    });
  }

  @Test
  public void decoding_stops_at_the_flow_decoding_budget_with_a_note() {
    String body = randomBase64(new Random(4), 1 << 20);
    Detector small = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 64L << 20, 20_000, 256 << 10, 4096));

    Detector.Counted counted = small.scanCounted(Flows.post(URL, body).build());

    assertThat(counted.work().bytesDecoded()).isLessThanOrEqualTo(256 << 10);
    assertThat(counted.scan().notes()).anyMatch(n -> n.contains("per-flow decoding limit"));
    assertThat(counted.scan().findings()).filteredOn(Finding::isUnread).singleElement()
        .extracting(Finding::detail).asString().contains("decodings past the per-flow cap of 256 KiB decoded");
  }
}
