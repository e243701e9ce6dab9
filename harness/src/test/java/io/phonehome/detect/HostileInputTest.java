package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.phonehome.capture.Flow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.Test;

public class HostileInputTest {
  private static final String URL = "https://api.example.com/u";

  @Test
  public void a_gzip_bomb_is_capped_with_a_note() {
    byte[] zeros = new byte[20 << 20];
    byte[] bomb = Flows.gzip(zeros);
    Detector detector = new Detector(Identities.lab());

    FlowScan scan = detector.scan(Flows.post(URL, bomb).header("Content-Encoding", "gzip").build());

    assertThat(bomb.length).isLessThan(1 << 20);
    assertThat(scan.findings()).singleElement()
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly("unknown", "unread", Location.NONE, "body past the 16 MiB inflate cap (gzip)");
    assertThat(scan.notes()).singleElement().asString()
        .contains("flow 0").contains("decompresses to more than 16777216 bytes");
  }

  @Test
  public void an_imei_hidden_behind_a_gzip_bomb_past_the_cap_is_unverifiable_not_clean() {
    byte[] padding = new byte[17 << 20];
    byte[] tail = ("&imei=" + Identities.IMEI).getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(padding, padding.length + tail.length);
    System.arraycopy(tail, 0, body, padding.length, tail.length);
    Flow flow = Flows.post(URL, Flows.gzip(body)).header("Content-Encoding", "gzip").build();

    io.phonehome.audit.AuditResult result = io.phonehome.audit.Audit.run(List.of(flow), Identities.lab(),
        io.phonehome.consent.OptOutPolicy.withUnknownState());

    // the IMEI lies past the cap, so it is not found; but the flow must not pass as clean
    assertThat(result.findings()).singleElement().satisfies(j -> {
      assertThat(j.unverifiable()).isTrue();
      assertThat(j.finding().identifier()).isEqualTo("unknown");
      assertThat(j.verdict().reason()).contains("body past the 16 MiB inflate cap (gzip)");
    });
    assertThat(result.exitCode()).isEqualTo(io.phonehome.audit.AuditResult.EXIT_CLEAN);
  }

  @Test
  public void an_upload_still_in_flight_is_unverifiable_even_with_nothing_found_in_what_arrived() {
    String why = "upload still in flight when the window closed: 12 of 20000000 bytes arrived";
    Flow flow = Flows.post(URL, "pad=00000000").incomplete(why).build();

    io.phonehome.audit.AuditResult result = io.phonehome.audit.Audit.run(List.of(flow), Identities.lab(),
        io.phonehome.consent.OptOutPolicy.withUnknownState());

    assertThat(result.findings()).singleElement().satisfies(j -> {
      assertThat(j.unverifiable()).isTrue();
      assertThat(j.finding().detail()).isEqualTo(why);
      assertThat(j.verdict().reason()).contains(why);
    });
  }

  @Test
  public void an_identifier_in_the_part_of_an_upload_that_arrived_is_unconsented() {
    Flow flow = Flows.post(URL, "imei=" + Identities.IMEI + "&contacts=")
        .incomplete("upload cut short: 30 of 9000 bytes arrived").build();

    io.phonehome.audit.AuditResult result = io.phonehome.audit.Audit.run(List.of(flow), Identities.lab(),
        io.phonehome.consent.OptOutPolicy.withUnknownState());

    assertThat(result.unconsented()).singleElement()
        .satisfies(j -> assertThat(j.finding().identifier()).isEqualTo("imei"));
    assertThat(result.unverifiable()).singleElement()
        .satisfies(j -> assertThat(j.finding().detail()).startsWith("upload cut short"));
    assertThat(result.exitCode()).isEqualTo(io.phonehome.audit.AuditResult.EXIT_UNCONSENTED);
  }

  @Test
  public void identifier_before_the_cap_is_still_found() {
    byte[] text = ("imei=" + Identities.IMEI + "&pad=").getBytes(StandardCharsets.US_ASCII);
    byte[] big = Arrays.copyOf(text, 1 << 20);
    Detector detector = new Detector(Identities.lab(), new DetectorLimits(64 * 1024, 1 << 24, 1000));

    FlowScan scan = detector.scan(Flows.post(URL, Flows.gzip(big)).header("Content-Encoding", "gzip").build());

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::detail).containsExactly(
        org.assertj.core.api.Assertions.tuple("imei", "body"),
        org.assertj.core.api.Assertions.tuple("unknown", "body past the 64 KiB inflate cap (gzip)"));
    assertThat(scan.notes()).singleElement().asString().contains("decompression bomb");
  }

  @Test
  public void a_gzip_bomb_inside_base64_is_capped() {
    String header = Flows.base64(Flows.gzip(new byte[4 << 20]));
    Detector detector = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 1 << 24, 1000));

    FlowScan scan = detector.scan(Flows.get(URL).header("X-Data", header).build());

    assertThat(scan.findings()).singleElement().extracting(Finding::detail)
        .isEqualTo("header X-Data past the 1 MiB inflate cap (gzip)");
    assertThat(scan.notes()).singleElement().asString().contains("X-Data");
  }

  @Test
  public void many_bombs_in_one_flow_stop_at_the_flow_budget() {
    String bomb = Flows.base64(Flows.gzip(new byte[2 << 20]));
    Flows.Builder flow = Flows.get(URL);
    for (int i = 0; i < 40; i++) {
      flow.header("X-Data-" + i, bomb);
    }
    Detector detector = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 4 << 20, 1000));

    FlowScan scan = detector.scan(flow.build());

    assertThat(scan.findings()).singleElement().extracting(Finding::detail).asString()
        .contains("flow past the per-flow cap of 4 MiB searched");
    assertThat(scan.notes()).last().asString().contains("per-flow limit");
    assertThat(scan.notes()).hasSizeLessThan(10);
  }

  @Test
  public void corrupt_gzip_body_is_skipped_with_a_note() {
    byte[] gz = Flows.gzip("imei=" + Identities.IMEI);
    byte[] corrupt = Arrays.copyOf(gz, gz.length / 2);
    corrupt[12] ^= 0x5a;
    Detector detector = new Detector(Identities.lab());

    FlowScan scan = detector.scan(Flows.post(URL, corrupt).header("Content-Encoding", "gzip").build());

    assertThat(scan.findings()).isEmpty();
    assertThat(scan.notes()).singleElement().asString()
        .contains("Content-Encoding gzip").contains("does not decode");
  }

  @Test
  public void body_that_is_not_gzip_despite_its_header_is_searched_as_sent() {
    Detector detector = new Detector(Identities.lab());

    FlowScan scan = detector.scan(Flows.post(URL, "imei=" + Identities.IMEI)
        .header("Content-Encoding", "gzip").build());

    assertThat(scan.findings()).extracting(Finding::identifier).containsExactly("imei");
    assertThat(scan.notes()).hasSize(1);
  }

  @Test
  public void unknown_content_encoding_is_noted() {
    Detector detector = new Detector(Identities.lab());

    FlowScan scan = detector.scan(Flows.post(URL, new byte[] {1, 2, 3, 4})
        .header("Content-Encoding", "compress").build());

    assertThat(scan.notes()).singleElement().asString().contains("compress").contains("cannot undo");
  }

  @Test
  public void body_that_is_not_brotli_despite_its_header_is_noted() {
    Detector detector = new Detector(Identities.lab());

    FlowScan scan = detector.scan(Flows.post(URL, "imei=" + Identities.IMEI)
        .header("Content-Encoding", "br").build());

    assertThat(scan.findings()).extracting(Finding::identifier).containsExactly("imei");
    assertThat(scan.notes()).singleElement().asString().contains("Content-Encoding br").contains("does not decode");
  }

  @Test
  public void work_per_flow_is_capped() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      body.append("f").append(i).append("=QUJDREVGR0hJSktMTU5PUFFSU1RVVldY&");
    }
    Detector detector = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 1 << 24, 500));

    FlowScan scan = detector.scan(Flows.postForm(URL, body.toString()).build());

    assertThat(scan.notes()).singleElement().asString().contains("per-flow limit");
    assertThat(scan.findings()).singleElement().extracting(Finding::detail)
        .isEqualTo("flow past the per-flow cap of 500 parts searched");
  }

  @Test
  public void random_bytes_never_throw() {
    java.util.Random random = new java.util.Random(42);
    Detector detector = new Detector(Identities.lab());
    for (int i = 0; i < 200; i++) {
      byte[] body = new byte[random.nextInt(2048)];
      random.nextBytes(body);
      if (body.length > 2) {
        body[0] = 0x1f;
        body[1] = (byte) 0x8b;
      }
      assertThatCode(() -> detector.scan(Flows.post(URL, body).header("Content-Encoding", "deflate").build()))
          .doesNotThrowAnyException();
      assertThatCode(() -> detector.scan(Flows.post(URL, body).build())).doesNotThrowAnyException();
    }
  }
}
