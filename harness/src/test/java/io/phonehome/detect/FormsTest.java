package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.testng.annotations.Test;

public class FormsTest {
  @Test
  public void phone_number_has_e164_digits_national_and_subscriber_forms() {
    assertThat(Forms.of("phone-number", "+886912345678"))
        .extracting(Forms.Form::name, Forms.Form::text)
        .containsExactly(
            tuple("as-given", "+886912345678"),
            tuple("digits", "886912345678"),
            tuple("national", "0912345678"),
            tuple("subscriber", "912345678"));
  }

  @Test
  public void nanp_numbers_have_no_trunk_zero() {
    assertThat(Forms.of("phone-number", "+14155550123"))
        .extracting(Forms.Form::name, Forms.Form::text)
        .contains(tuple("national", "4155550123"));
  }

  @Test
  public void country_code_length_follows_the_itu_zones() {
    assertThat(Forms.countryCodeLength("14155550123")).isEqualTo(1);
    assertThat(Forms.countryCodeLength("8613800138000")).isEqualTo(2);
    assertThat(Forms.countryCodeLength("886912345678")).isEqualTo(3);
  }

  @Test
  public void mac_has_six_written_forms() {
    assertThat(Forms.of("wifi-mac", "AC-F7-F3-12-34-56")).extracting(Forms.Form::text)
        .contains("ac:f7:f3:12:34:56", "AC:F7:F3:12:34:56", "ac-f7-f3-12-34-56",
            "AC-F7-F3-12-34-56", "acf7f3123456", "ACF7F3123456");
  }

  @Test
  public void case_forms_are_kept_only_when_they_differ() {
    assertThat(Forms.of("android-id", "9774d56d682e549c")).extracting(Forms.Form::chain, Forms.Form::text)
        .containsExactly(tuple("", "9774d56d682e549c"), tuple("upper", "9774D56D682E549C"));
  }
}
