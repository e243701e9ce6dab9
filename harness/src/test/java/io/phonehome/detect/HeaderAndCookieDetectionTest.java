package io.phonehome.detect;

import static io.phonehome.detect.Identities.IMEI;
import static io.phonehome.detect.Identities.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.testng.annotations.Test;

public class HeaderAndCookieDetectionTest {
  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(Flows.Builder flow) {
    return detector.scan(flow.build()).findings();
  }

  @Test
  public void finds_imei_hex_in_named_header() {
    String hex = java.util.HexFormat.of().formatHex(IMEI.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    List<Finding> findings = scan(Flows.get("https://api.example.com/").header("X-Device", hex));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "hex", Location.HEADER, "X-Device"));
  }

  @Test
  public void finds_canary_upper_hex_in_header() {
    String hex = java.util.HexFormat.of().withUpperCase()
        .formatHex(Identities.CANARY.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    List<Finding> findings = scan(Flows.get("https://api.example.com/").header("X-Device", hex));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("canary", "HEX"));
  }

  @Test
  public void ignores_host_header() {
    Flows.Builder flow = Flows.get("https://api.example.com/");
    io.phonehome.capture.Flow built = flow.build();
    io.phonehome.capture.Flow withIdInHost = new io.phonehome.capture.Flow(0, built.time(),
        built.channel(), "GET", "https://api.example.com/", "api.example.com",
        List.of(new io.phonehome.capture.Header("Host", IMEI + ".example.com")), new byte[0],
        java.util.Optional.empty(), java.util.Optional.empty());

    assertThat(detector.scan(withIdInHost).findings()).isEmpty();
  }

  @Test
  public void finds_cookie_by_name() {
    List<Finding> findings = scan(Flows.get("https://api.example.com/")
        .header("Cookie", "session=abc; uid=" + IMEI + "; lang=zh"));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "plain", Location.COOKIE, "uid"));
  }

  @Test
  public void finds_base64url_of_planted_sms_body_in_cookie() {
    String body = "ok?>>?<<why";
    Detector withSms = new Detector(IdentitySet.builder().add("sms.body", body, "scenario").build());
    String b64url = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(b64url).containsAnyOf("-", "_");

    List<Finding> findings = withSms.scan(
        Flows.get("https://api.example.com/").header("Cookie", "s=" + b64url).build()).findings();

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::location)
        .containsExactly(tuple("sms.body", "base64url", Location.COOKIE));
  }

  @Test
  public void equal_base64_and_base64url_text_is_reported_as_base64() {
    String b64 = Flows.base64(PHONE).replace("=", "");
    List<Finding> findings = scan(Flows.get("https://api.example.com/").header("Cookie", "p=" + b64));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::location)
        .containsExactly(tuple("phone-number", "base64", Location.COOKIE));
  }

  @Test
  public void finds_gzip_then_base64_in_header() {
    String value = Flows.base64(Flows.gzip("{\"imei\":\"" + IMEI + "\"}"));
    List<Finding> findings = scan(Flows.get("https://api.example.com/").header("X-Payload", value));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "gzip+base64", Location.HEADER, "X-Payload json $.imei"));
  }

  @Test
  public void finds_deflate_then_base64_in_header() {
    String value = Flows.base64(Flows.deflate("contacts=" + Identities.CONTACT_1));
    List<Finding> findings = scan(Flows.get("https://api.example.com/").header("X-Payload", value));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("contacts", "deflate+base64"));
  }
}
