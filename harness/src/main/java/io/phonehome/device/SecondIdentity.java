package io.phonehome.device;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates the second identity a differential run switches a virtual handset to, from
 * its first: an IMEI with the same TAC (first 8 digits) and a valid check digit, a phone
 * number of the same country and length, an IMSI with the same MCC and MNC, an ICCID
 * with the same issuer and a valid check digit (each only when the first has one), and
 * always a new Android ID and Wi-Fi MAC (same vendor prefix when the first has one).
 * Every generated value differs from the first and has its length. The same first
 * identity always gives the same second one, so nightly runs stay comparable.
 *
 * <pre>{@code
 * Map<String, String> second = SecondIdentity.from(Map.of("imei", "490154203237518"));
 * // {imei=49015420xxxxxxx, android-id=..., wifi-mac=02:...}
 * }</pre>
 */
public final class SecondIdentity {
  private SecondIdentity() {}

  /** A second identity for a phone whose first is {@code first} (identity keys to values). */
  public static Map<String, String> from(Map<String, String> first) {
    Random random = new Random(new java.util.TreeMap<>(first).toString().hashCode());
    Map<String, String> second = new LinkedHashMap<>();
    String imei = first.get("imei");
    if (imei != null && imei.matches("[0-9]{15}")) {
      second.put("imei", differing(imei, () -> {
        String body = imei.substring(0, 8) + digits(random, 6);
        return body + IdentityKeys.luhnDigit(body);
      }));
    }
    String number = first.get("phone-number");
    if (number != null && number.replaceAll("[^0-9]", "").length() >= 6) {
      second.put("phone-number", differing(number, () -> renumber(number, random)));
    }
    String imsi = first.get("imsi");
    if (imsi != null && imsi.matches("[0-9]{6,15}")) {
      second.put("imsi", differing(imsi, () -> imsi.substring(0, 5) + digits(random, imsi.length() - 5)));
    }
    String iccid = first.get("iccid");
    if (iccid != null && iccid.matches("[0-9]{18,22}[Ff]?")) {
      String tail = iccid.endsWith("F") || iccid.endsWith("f") ? iccid.substring(iccid.length() - 1) : "";
      int length = iccid.length() - tail.length();
      second.put("iccid", differing(iccid, () -> {
        String body = iccid.substring(0, 7) + digits(random, length - 8);
        return body + IdentityKeys.luhnDigit(body) + tail;
      }));
    }
    String androidId = first.getOrDefault("android-id", "");
    second.put("android-id", differing(androidId, () -> hex(random, 16)));
    String mac = first.get("wifi-mac");
    String hexMac = mac == null ? "" : mac.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
    // without a vendor prefix to keep: 02, a locally administered address, never a real vendor's
    String oui = hexMac.length() == 12 ? hexMac.substring(0, 6) : "02" + hex(random, 4);
    second.put("wifi-mac", differing(hexMac.isEmpty() ? "" : colons(hexMac), () -> colons(oui + hex(random, 6))));
    return second;
  }

  private static String differing(String first, java.util.function.Supplier<String> next) {
    String v = next.get();
    while (v.equalsIgnoreCase(first)) {
      v = next.get();
    }
    return v;
  }

  /** Keeps the first 4 digits (country code and network prefix) and every other character. */
  private static String renumber(String number, Random random) {
    StringBuilder out = new StringBuilder();
    int seen = 0;
    for (char c : number.toCharArray()) {
      if (Character.isDigit(c) && seen++ >= 4) {
        out.append((char) ('0' + random.nextInt(10)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String digits(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  private static String hex(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static String colons(String hex12) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i += 2) {
      sb.append(i == 0 ? "" : ":").append(hex12, i, i + 2);
    }
    return sb.toString();
  }
}
