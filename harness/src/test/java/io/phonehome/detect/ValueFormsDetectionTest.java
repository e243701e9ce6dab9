package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.testng.annotations.Test;

public class ValueFormsDetectionTest {
  private static final String URL = "https://api.example.com/u";

  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(String body) {
    return detector.scan(Flows.post(URL, body).build()).findings();
  }

  @Test
  public void finds_phone_number_in_national_form() {
    assertThat(scan("{\"tel\":\"0912345678\"}"))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("phone-number", "plain", "national"));
  }

  @Test
  public void finds_phone_number_digits_only() {
    assertThat(scan("{\"tel\":\"886912345678\"}"))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("phone-number", "digits", "digits"));
  }

  @Test
  public void finds_phone_number_without_trunk_prefix() {
    assertThat(scan("{\"tel\":\"912345678\"}"))
        .extracting(Finding::identifier, Finding::form)
        .containsExactly(tuple("phone-number", "subscriber"));
  }

  @Test
  public void e164_phone_number_is_one_finding_not_one_per_contained_form() {
    assertThat(scan("{\"tel\":\"+886912345678\"}"))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("phone-number", "plain", "as-given"));
  }

  @Test
  public void finds_md5_of_national_phone_number() {
    assertThat(scan("h=" + Digests.md5("0912345678")))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("phone-number", "md5", "national"));
  }

  @Test
  public void finds_mac_without_separators_upper_case() {
    assertThat(scan("{\"mac\":\"ACF7F3123456\"}"))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("wifi-mac", "upper", "mac-bare"));
  }

  @Test
  public void finds_mac_with_dashes() {
    assertThat(scan("{\"mac\":\"ac-f7-f3-12-34-56\"}"))
        .extracting(Finding::identifier, Finding::form)
        .containsExactly(tuple("wifi-mac", "mac-dash"));
  }

  @Test
  public void finds_mac_with_colons_upper_case() {
    assertThat(scan("{\"mac\":\"AC:F7:F3:12:34:56\"}"))
        .extracting(Finding::identifier, Finding::encoding, Finding::form)
        .containsExactly(tuple("wifi-mac", "upper", "mac-colon"));
  }

  @Test
  public void finds_md5_of_upper_case_mac() {
    assertThat(scan("m=" + Digests.md5("AC:F7:F3:12:34:56")))
        .extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("wifi-mac", "upper+md5"));
  }

  @Test
  public void md5_of_phone_digits_names_the_digits_transform() {
    assertThat(scan("h=" + Digests.md5("886912345678")))
        .extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("phone-number", "digits+md5"));
  }

  @Test
  public void upper_case_md5_of_upper_cased_value_names_both_case_transforms() {
    assertThat(scan("h=" + Digests.md5(Identities.ANDROID_ID.toUpperCase()).toUpperCase()))
        .extracting(Finding::identifier, Finding::encoding)
        .containsExactly(tuple("android-id", "upper+md5+upper"));
  }

  @Test
  public void mac_given_in_upper_case_names_lower_case_forms_lower() {
    Detector upperMac = new Detector(IdentitySet.builder().add("wifi-mac", "AC:F7:F3:12:34:56", "phone").build());

    assertThat(upperMac.scan(Flows.post(URL, "m=acf7f3123456").build()).findings())
        .extracting(Finding::encoding, Finding::form)
        .containsExactly(tuple("lower", "mac-bare"));
  }

  @Test
  public void ignores_imei_with_one_digit_changed() {
    assertThat(scan("imei=861234567890124")).isEmpty();
  }

  @Test
  public void ignores_md5_of_another_imei() {
    assertThat(scan("h=" + Digests.md5("861234567890124"))).isEmpty();
  }

  @Test
  public void ignores_values_shorter_than_four_characters() {
    Detector shortValues = new Detector(IdentitySet.builder().add("carrier", "FET", "phone").build());

    assertThat(shortValues.scan(Flows.post(URL, "carrier=FET").build()).findings()).isEmpty();
  }

  @Test
  public void identifier_free_flow_has_no_findings() {
    FlowScan scan = detector.scan(Flows.postForm(URL, "v=2&lang=zh_TW&t=1409040000")
        .header("User-Agent", "Dalvik/1.6.0 (Linux; U; Android 4.3)")
        .header("Cookie", "sid=0f3b2c").build());

    assertThat(scan.findings()).isEmpty();
    assertThat(scan.notes()).isEmpty();
  }

  @Test
  public void empty_identity_finds_nothing() {
    Detector none = new Detector(IdentitySet.empty());

    assertThat(none.scan(Flows.post(URL, "imei=" + Identities.IMEI).build()).findings()).isEmpty();
  }
}
