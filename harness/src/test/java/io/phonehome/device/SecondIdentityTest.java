package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.testng.annotations.Test;

public class SecondIdentityTest {
  private static final Map<String, String> FIRST = first();

  private static Map<String, String> first() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("imei", "490154203237518");
    m.put("phone-number", "+886911222333");
    m.put("imsi", "466920123456789");
    m.put("iccid", "89886920041234567890");
    m.put("wifi-mac", "02:1a:11:f0:0d:42");
    m.put("carrier", "Chunghwa Telecom");
    return m;
  }

  @Test
  public void the_imei_keeps_its_tac_and_has_a_valid_check_digit() {
    String imei = SecondIdentity.from(FIRST).get("imei");

    assertThat(imei).hasSize(15).startsWith("49015420").isNotEqualTo(FIRST.get("imei"));
    assertThat(IdentityKeys.luhnValid(imei)).as(imei).isTrue();
    assertThat(IdentityKeys.problem("imei", imei)).isEmpty();
  }

  @Test
  public void every_generated_value_differs_from_the_first_and_has_its_length_and_shape() {
    Map<String, String> second = SecondIdentity.from(FIRST);

    assertThat(second).containsOnlyKeys("imei", "phone-number", "imsi", "iccid", "android-id", "wifi-mac");
    for (String key : second.keySet()) {
      assertThat(IdentityKeys.problem(key, second.get(key))).as(key).isEmpty();
      if (FIRST.containsKey(key)) {
        assertThat(second.get(key)).as(key).isNotEqualTo(FIRST.get(key)).hasSameSizeAs(FIRST.get(key));
      }
    }
    assertThat(second.get("phone-number")).startsWith("+8869");
    assertThat(second.get("imsi")).startsWith("46692");
    assertThat(second.get("iccid")).startsWith("8988692");
    assertThat(IdentityKeys.luhnValid(second.get("iccid"))).isTrue();
    assertThat(second.get("wifi-mac")).startsWith("02:1a:11:").matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    assertThat(second.get("android-id")).matches("[0-9a-f]{16}");
  }

  @Test
  public void the_same_first_identity_gives_the_same_second_one() {
    assertThat(SecondIdentity.from(FIRST)).isEqualTo(SecondIdentity.from(first()));
  }

  @Test
  public void an_identity_with_only_an_imei_gets_a_new_android_id_and_a_local_mac() {
    Map<String, String> second = SecondIdentity.from(Map.of("imei", "356938035643809"));

    assertThat(second).containsOnlyKeys("imei", "android-id", "wifi-mac");
    assertThat(second.get("wifi-mac")).startsWith("02:");
    assertThat(second.get("imei")).startsWith("35693803");
  }

  @Test
  public void a_national_number_keeps_its_form() {
    String number = SecondIdentity.from(Map.of("phone-number", "0912-345-678")).get("phone-number");

    assertThat(number).matches("0912-[0-9]{3}-[0-9]{3}").isNotEqualTo("0912-345-678");
  }

  @Test
  public void luhn_check_digits_of_known_imeis() {
    assertThat(IdentityKeys.luhnValid("490154203237518")).isTrue();
    assertThat(IdentityKeys.luhnValid("356938035643809")).isTrue();
    assertThat(IdentityKeys.luhnValid("861234567890123")).isFalse();
    assertThat(IdentityKeys.luhnDigit("49015420323751")).isEqualTo(8);
  }
}
