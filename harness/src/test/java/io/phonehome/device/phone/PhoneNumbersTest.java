package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class PhoneNumbersTest {
  @Test
  public void international_and_national_forms_are_the_same_number() {
    assertThat(PhoneNumbers.same("+886922000111", "0922000111")).isTrue();
    assertThat(PhoneNumbers.same("+886 922-000-111", "0922 000 111")).isTrue();
  }

  @Test
  public void different_lines_and_short_codes_are_not_the_same() {
    assertThat(PhoneNumbers.same("+886922000111", "0922000112")).isFalse();
    assertThat(PhoneNumbers.same("+886922000111", "111")).isFalse();
    assertThat(PhoneNumbers.same("", "")).isFalse();
  }
}
