package io.phonehome.detect;

import static io.phonehome.detect.Identities.IMEI;
import static io.phonehome.detect.Identities.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.testng.annotations.Test;

public class UrlDetectionTest {
  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(Flows.Builder flow) {
    return detector.scan(flow.build()).findings();
  }

  @Test
  public void reports_md5_of_imei_in_query_string() {
    List<Finding> findings = scan(Flows.get("https://data.mistat.xiaomi.com/r?d=" + Digests.md5(IMEI) + "&v=2"));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "md5", Location.URL, "param d"));
  }

  @Test
  public void finds_plain_imei_in_path() {
    List<Finding> findings = scan(Flows.get("https://api.example.com/devices/" + IMEI + "/ping"));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", "plain", Location.URL, "path"));
  }

  @Test
  public void finds_url_encoded_phone_number_in_query() {
    List<Finding> findings = scan(Flows.get("https://api.example.com/a?n=%2B886912345678"));

    assertThat(findings)
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("phone-number", "url", "as-given"));
  }

  @Test
  public void finds_base64_inside_url_encoded_query_value() {
    String encoded = Flows.base64(PHONE).replace("=", "%3D").replace("+", "%2B");
    List<Finding> findings = scan(Flows.get("https://api.example.com/a?n=" + encoded));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .contains(tuple("phone-number", "base64+url"));
  }

  @Test
  public void finds_sha256_in_upper_case_hex_of_android_id() {
    String digest = Digests.sha256(Identities.ANDROID_ID).toUpperCase();
    List<Finding> findings = scan(Flows.get("https://t.example.com/x?aid=" + digest));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("android-id", "sha256+upper"));
  }

  @Test
  public void finds_sha1_of_upper_cased_android_id() {
    String digest = Digests.sha1(Identities.ANDROID_ID.toUpperCase());
    List<Finding> findings = scan(Flows.get("https://t.example.com/x?aid=" + digest));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("android-id", "upper+sha1", "as-given"));
  }

  @Test
  public void finding_carries_flow_index_method_host_url_and_origin() {
    String url = "https://api.example.com/a?imei=" + IMEI;
    Finding finding = scan(Flows.get(url).index(7)).get(0);

    assertThat(finding.flow()).isEqualTo(7);
    assertThat(finding.method()).isEqualTo("GET");
    assertThat(finding.host()).isEqualTo("api.example.com");
    assertThat(finding.url()).isEqualTo(url);
    assertThat(finding.channel().wireName()).isEqualTo("proxy");
    assertThat(finding.origin()).isEqualTo("devices.yaml");
  }

  @Test
  public void finds_identifier_in_host_name() {
    List<Finding> findings = scan(Flows.get("https://" + IMEI + ".tracker.example.com/"));

    assertThat(findings).extracting(Finding::identifier, Finding::location, Finding::detail)
        .containsExactly(tuple("imei", Location.URL, "host"));
  }
}
