package io.phonehome.simulator.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What the radio and the SIM tell about the handset, derived from its {@link Identity}.
 * A SIM is present when the identity has an {@code imsi}, {@code iccid} or
 * {@code phone-number}; without one the IMSI, ICCID and phone number are unknown, as on
 * a phone with an empty tray. The IMEI, Android ID, serial and Wi-Fi MAC do not need a SIM.
 *
 * @param carrier the operator name ({@code carrier}, default {@value #DEFAULT_CARRIER})
 * @param androidId the identity's {@code android-id}, or 16 hex digits derived from the IMEI
 * @param wifiMac lower case with colons
 */
public record Telephony(
    boolean simPresent,
    String carrier,
    Optional<String> imsi,
    Optional<String> iccid,
    Optional<String> phoneNumber,
    String imei,
    String androidId,
    String serial,
    String wifiMac) {
  public static final String DEFAULT_CARRIER = "Chunghwa Telecom";
  /** MCC 466 (Taiwan), MNC 92 (Chunghwa): what the SIM of the default carrier reports. */
  public static final String DEFAULT_OPERATOR_NUMERIC = "46692";
  public static final String DEFAULT_SERIAL = "0123456789ABCDEF";

  /** The telephony view of an identity. */
  public static Telephony of(Identity identity) {
    boolean sim = identity.get("imsi").isPresent() || identity.get("iccid").isPresent()
        || identity.get("phone-number").isPresent();
    String imei = identity.get("imei").orElse("");
    String androidId = identity.get("android-id").orElseGet(() -> digest("android_id:" + imei).substring(0, 16));
    String mac = identity.get("wifi-mac").map(Telephony::normalizeMac)
        .orElseGet(() -> derivedMac(imei));
    return new Telephony(sim,
        identity.get("carrier").orElse(DEFAULT_CARRIER),
        sim ? identity.get("imsi") : Optional.empty(),
        sim ? identity.get("iccid") : Optional.empty(),
        sim ? identity.get("phone-number") : Optional.empty(),
        imei, androidId, identity.get("serial").orElse(DEFAULT_SERIAL), mac);
  }

  /** {@code gsm.sim.state}: {@code READY} or {@code ABSENT}. */
  public String simState() {
    return simPresent ? "READY" : "ABSENT";
  }

  /** {@code gsm.sim.operator.numeric}: MCC+MNC, from the IMSI's first five digits when known. */
  public String operatorNumeric() {
    if (!simPresent) {
      return "";
    }
    return imsi.filter(i -> i.length() >= 5).map(i -> i.substring(0, 5)).orElse(DEFAULT_OPERATOR_NUMERIC);
  }

  /**
   * A value by its identity-file key ({@code imei}, {@code carrier}, ...), as the handset
   * itself would report it; empty when the handset cannot tell (no SIM) or the key is not
   * a telephony value.
   */
  public Optional<String> value(String key) {
    return switch (key) {
      case "imei" -> imei.isEmpty() ? Optional.empty() : Optional.of(imei);
      case "imsi" -> imsi;
      case "iccid" -> iccid;
      case "phone-number" -> phoneNumber;
      case "carrier" -> simPresent ? Optional.of(carrier) : Optional.empty();
      case "android-id" -> Optional.of(androidId);
      case "serial" -> Optional.of(serial);
      case "wifi-mac" -> Optional.of(wifiMac);
      default -> Optional.empty();
    };
  }

  static String normalizeMac(String mac) {
    String hex = mac.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
    if (hex.length() != 12) {
      return mac.toLowerCase(Locale.ROOT);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  private static String derivedMac(String seed) {
    String h = digest("wlan0:" + seed);
    // 02 first: a locally administered address, never a real vendor's
    return normalizeMac("02" + h.substring(0, 10));
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
