package io.phonehome.device.phone;

import io.phonehome.detect.IdentityValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a phone reports the identity it was meant to have: each expected value must be
 * among the values the phone told for its key. Phone numbers match in any written form
 * ({@code +886912345678} and {@code 0912345678}), MACs and Android IDs whatever their case
 * and separators.
 */
public final class IdentityCheck {
  private IdentityCheck() {}

  /**
   * One line per expected value the phone does not report, e.g. {@code imei: the phone
   * reports 861234567890123, not 490154203237518}; empty when it reports them all.
   */
  public static List<String> differences(Map<String, String> expected, PhoneIdentity read) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      List<String> told = read.values().valuesOf(e.getKey()).stream().map(IdentityValue::value).toList();
      if (told.stream().noneMatch(v -> same(e.getKey(), v, e.getValue()))) {
        out.add(e.getKey() + ": the phone reports " + (told.isEmpty() ? "nothing" : String.join(", ", told))
            + ", not " + e.getValue());
      }
    }
    return out;
  }

  static boolean same(String key, String told, String expected) {
    return switch (key) {
      case "phone-number" -> PhoneNumbers.same(told, expected);
      case "wifi-mac" -> hex(told).equals(hex(expected));
      case "android-id", "serial", "carrier" -> told.strip().equalsIgnoreCase(expected.strip());
      default -> told.strip().equals(expected.strip());
    };
  }

  private static String hex(String mac) {
    return mac.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
  }
}
