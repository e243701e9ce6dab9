package io.phonehome.detect;

import static io.phonehome.detect.Identities.CONTACT_1;
import static io.phonehome.detect.Identities.CONTACT_2;
import static io.phonehome.detect.Identities.IMEI;
import static io.phonehome.detect.Identities.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.testng.annotations.Test;

public class BodyDetectionTest {
  private static final String URL = "https://api.account.xiaomi.com/pass/v3/activate";

  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(Flows.Builder flow) {
    return detector.scan(flow.build()).findings();
  }

  @Test
  public void finds_phone_number_base64_in_form_body() {
    List<Finding> findings = scan(Flows.postForm(URL, "imei=" + IMEI + "&n=" + Flows.base64(PHONE)));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(
            tuple("imei", "plain", Location.BODY, "field imei"),
            tuple("phone-number", "base64", Location.BODY, "field n"));
  }

  @Test
  public void finds_gzip_then_base64_contacts_in_form_body() {
    String contacts = Flows.base64(Flows.gzip(CONTACT_1 + "," + CONTACT_2));
    List<Finding> findings = scan(Flows.postForm(URL, "c=" + contacts));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("contacts", "gzip+base64", Location.BODY, "field c"));
  }

  @Test
  public void finds_url_encoded_form_field() {
    List<Finding> findings = scan(Flows.postForm(URL, "n=%2B886912345678"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("phone-number", "url"));
  }

  @Test
  public void decodes_gzip_content_encoding() {
    byte[] body = Flows.gzip("{\"device\":{\"imei\":\"" + IMEI + "\"}}");
    List<Finding> findings = scan(Flows.post(URL, body)
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip"));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "plain", Location.BODY, "json $.device.imei"));
  }

  @Test
  public void decodes_deflate_content_encoding() {
    List<Finding> findings = scan(Flows.post(URL, Flows.deflate("imei=" + IMEI))
        .header("Content-Encoding", "deflate"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("imei", "plain"));
  }

  @Test
  public void identity_content_encoding_is_searched_as_is() {
    List<Finding> findings = scan(Flows.post(URL, "{\"imei\":\"" + IMEI + "\"}")
        .header("Content-Encoding", "identity"));

    assertThat(findings).extracting(Finding::identifier).containsExactly("imei");
  }

  @Test
  public void gzip_form_body_is_searched_field_by_field() {
    List<Finding> findings = scan(Flows.post(URL, Flows.gzip("a=1&imei=" + IMEI))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("Content-Encoding", "gzip"));

    assertThat(findings).extracting(Finding::identifier, Finding::detail)
        .containsExactly(tuple("imei", "field imei"));
  }

  @Test
  public void gzip_body_without_content_encoding_reports_gzip_layer() {
    List<Finding> findings = scan(Flows.post(URL, Flows.gzip("imei=" + IMEI)));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("imei", "gzip"));
  }

  @Test
  public void finds_sha1_of_imei_in_json_body() {
    List<Finding> findings = scan(Flows.post(URL, "{\"h\":\"" + Digests.sha1(IMEI) + "\"}"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("imei", "sha1"));
  }

  @Test
  public void finds_both_contacts_as_one_finding_per_json_element() {
    List<Finding> findings = scan(Flows.post(URL, "[\"" + CONTACT_1 + "\",\"" + CONTACT_2 + "\"]"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("contacts", "plain", "json $[0]"), tuple("contacts", "plain", "json $[1]"));
  }

  @Test
  public void finds_canary_in_multipart_body() {
    String body = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhello "
        + Identities.CANARY + "\r\n--b--\r\n";
    List<Finding> findings = scan(Flows.post(URL, body)
        .header("Content-Type", "multipart/form-data; boundary=b"));

    assertThat(findings).extracting(Finding::identifier, Finding::origin)
        .containsExactly(tuple("canary", "identity file"));
  }

  @Test
  public void finds_imei_in_gzip_part_of_multipart_body() {
    byte[] head = "--b\r\nContent-Type: application/gzip\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] part = Flows.gzip("{\"imei\":\"" + IMEI + "\"}");
    byte[] tail = "\r\n--b--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + part.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(part, 0, body, head.length, part.length);
    System.arraycopy(tail, 0, body, head.length + part.length, tail.length);

    List<Finding> findings = scan(Flows.post(URL, body).header("Content-Type", "multipart/form-data; boundary=b"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::location)
        .containsExactly(tuple("imei", "gzip", Location.BODY));
  }

  @Test
  public void finds_utf8_canary_in_body() {
    Detector withSms = new Detector(IdentitySet.builder().add("sms.body", "你好 pH-42", "scenario").build());

    List<Finding> findings = withSms.scan(Flows.post(URL, "{\"t\":\"你好 pH-42\"}").build()).findings();

    assertThat(findings).extracting(Finding::identifier).containsExactly("sms.body");
  }
}
