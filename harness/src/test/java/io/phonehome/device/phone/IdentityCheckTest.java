package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.detect.IdentitySet;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class IdentityCheckTest {
  private static PhoneIdentity read(String... keyValues) {
    IdentitySet.Builder b = IdentitySet.builder();
    for (int i = 0; i < keyValues.length; i += 2) {
      b.add(keyValues[i], keyValues[i + 1], "phone");
    }
    return new PhoneIdentity(b.build(), List.of());
  }

  @Test
  public void values_in_another_written_form_still_match() {
    PhoneIdentity phone = read("imei", "490154208815425", "phone-number", "0911000444",
        "wifi-mac", "AC:F7:F3:9A:8B:7C", "android-id", "5F2C7D1E9A0B3C4D");

    assertThat(IdentityCheck.differences(Map.of("imei", "490154208815425", "phone-number", "+886911000444",
        "wifi-mac", "ac-f7-f3-9a-8b-7c", "android-id", "5f2c7d1e9a0b3c4d"), phone)).isEmpty();
  }

  @Test
  public void a_value_the_phone_does_not_report_is_named_with_what_it_reports() {
    PhoneIdentity phone = read("imei", "490154203237518");

    assertThat(IdentityCheck.differences(Map.of("imei", "490154208815425", "imsi", "466920987654321"), phone))
        .containsExactlyInAnyOrder("imei: the phone reports 490154203237518, not 490154208815425",
            "imsi: the phone reports nothing, not 466920987654321");
  }
}
