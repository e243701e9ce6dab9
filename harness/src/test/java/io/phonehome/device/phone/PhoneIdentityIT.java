package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.IdentityValue;
import io.phonehome.device.ConnectedHandset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/**
 * Identity read over the real adb server from a virtual handset (Android 4.3 firmware)
 * equals the identity the handset was given.
 */
public class PhoneIdentityIT {
  private static final Map<String, String> GIVEN = new LinkedHashMap<>();

  static {
    GIVEN.put("imei", "861234567890123");
    GIVEN.put("imsi", "466920123456789");
    GIVEN.put("iccid", "89886920123456789012");
    GIVEN.put("phone-number", "+886912345678");
    GIVEN.put("carrier", "Chunghwa Telecom");
    GIVEN.put("android-id", "9774d56d682e549c");
    GIVEN.put("serial", "4df1e9a2c0ffee01");
    GIVEN.put("wifi-mac", "ac:f7:f3:12:34:56");
  }

  private static final List<String> CONTACTS = List.of("+886922000111", "+886933000222");

  @Test
  public void identity_read_over_adb_equals_the_identity_given() throws Exception {
    try (ConnectedHandset lab = ConnectedHandset.start("identity-it",
        ConnectedHandset.firmwareDir().resolve("leaky-2014-08.yaml"), GIVEN, CONTACTS)) {
      PhoneIdentity read = new PhoneIdentityReader(lab.phone::shell).read();

      assertThat(read.notes()).isEmpty();
      assertThat(read.simAbsent()).isFalse();
      IdentitySet values = read.values();
      for (Map.Entry<String, String> e : GIVEN.entrySet()) {
        assertThat(values.valuesOf(e.getKey())).extracting(IdentityValue::value)
            .as(e.getKey()).containsExactly(e.getValue());
      }
      assertThat(values.valuesOf("contacts")).extracting(IdentityValue::value)
          .containsExactlyInAnyOrderElementsOf(CONTACTS);
      assertThat(values.values()).extracting(IdentityValue::origin).containsOnly(PhoneIdentityReader.ORIGIN);
    }
  }
}
