package io.phonehome.detect;

import static io.phonehome.detect.Identities.IMEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.testng.annotations.Test;

public class ChainedEncodingsTest {
  private static final String URL = "https://api.example.com/u";

  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(Flows.Builder flow) {
    return detector.scan(flow.build()).findings();
  }

  private List<Finding> scanBody(String body) {
    return scan(Flows.post(URL, body));
  }

  @Test
  public void finds_base32_of_imei() {
    assertThat(scanBody("{\"d\":\"HA3DCMRTGQ2TMNZYHEYDCMRT\"}"))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "base32"));
  }

  @Test
  public void finds_rot13_of_canary() {
    assertThat(scanBody("t=cU-7s3n9p")).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("canary", "rot13"));
  }

  @Test
  public void finds_html_character_references_of_imei() {
    String html = "&#56;&#54;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;&#57;&#48;&#49;&#50;&#51;";
    assertThat(scanBody("<p>" + html + "</p>")).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("imei", "html"));
  }

  @Test
  public void finds_json_unicode_escapes_of_canary() {
    StringBuilder escaped = new StringBuilder();
    Identities.CANARY.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    assertThat(scanBody("{\"t\":\"" + escaped + "\"}")).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("canary", "json"));
  }

  @Test
  public void finds_sha512_of_imei() {
    assertThat(scanBody("h=" + Digests.hex("SHA-512", IMEI))).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("imei", "sha512"));
  }

  @Test
  public void finds_md5_then_base64() {
    assertThat(scanBody("{\"k\":\"" + Flows.base64(Digests.md5(IMEI)) + "\"}"))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "md5+base64"));
  }

  @Test
  public void finds_gzip_then_hex() {
    String hex = HexFormat.of().formatHex(Flows.gzip("imei=" + IMEI));
    assertThat(scanBody("{\"blob\":\"" + hex + "\"}"))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "gzip+hex"));
  }

  @Test
  public void finds_base64_segment_of_a_url_path() {
    String segment = Flows.base64("imei:" + IMEI).replace("=", "");
    assertThat(scan(Flows.get("https://api.example.com/pass/v3/" + segment + "/ok")))
        .extracting(Finding::identifier, Finding::encoding, Finding::location)
        .containsExactly(tuple("imei", "base64", Location.URL));
  }

  @Test
  public void finds_plain_value_inside_a_longer_base64_blob() {
    String blob = Flows.base64(("{\"model\":\"armani\",\"imei\":\"" + IMEI + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(scan(Flows.get(URL).header("Authorization", "Bearer " + blob)))
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "base64", Location.HEADER, "Authorization json $.imei"));
  }

  @Test
  public void finds_base58_of_imei() {
    assertThat(scanBody("{\"d\":\"2aDKnSY8Jmvha7whLwGkz\"}"))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "base58"));
  }

  @Test
  public void finds_crc32_of_imei_standing_alone() {
    assertThat(scanBody("{\"c\":\"fc7eab30\"}"))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "crc32"));
  }

  @Test
  public void ignores_crc32_of_imei_inside_longer_hex() {
    assertThat(scanBody("{\"uuid\":\"0a1bfc7eab30c2d3\"}")).isEmpty();
  }

  @Test
  public void base58_matches_known_vectors() {
    assertThat(Needles.base58("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
    assertThat(Needles.base58(new byte[] {0, 0, 'a', 'b'})).isEqualTo("118Qq");
  }

  @Test
  public void base32_matches_the_rfc_4648_vectors() {
    assertThat(Needles.base32("foobar".getBytes(StandardCharsets.US_ASCII), true)).isEqualTo("MZXW6YTBOI======");
    assertThat(Needles.base32("fo".getBytes(StandardCharsets.US_ASCII), false)).isEqualTo("MZXQ");
  }
}
