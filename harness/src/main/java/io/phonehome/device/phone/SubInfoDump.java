package io.phonehome.device.phone;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMEI in {@code dumpsys iphonesubinfo} as Android 4.x prints it:
 *
 * <pre>
 * Phone Subscriber Info:
 *   Phone Type = GSM
 *   Device ID = 861234567890123
 * </pre>
 *
 * Android 5 and later no longer print the device id there.
 */
public final class SubInfoDump {
  private static final Pattern DEVICE_ID = Pattern.compile("(?m)^\\s*Device ID\\s*=\\s*(\\S*)\\s*$");

  private SubInfoDump() {}

  /** The {@code Device ID} line's value; empty when absent or {@code null}. */
  public static Optional<String> parse(String output) {
    if (output == null) {
      return Optional.empty();
    }
    Matcher m = DEVICE_ID.matcher(output.replace("\r", ""));
    if (!m.find()) {
      return Optional.empty();
    }
    String id = m.group(1);
    return id.isEmpty() || "null".equalsIgnoreCase(id) ? Optional.empty() : Optional.of(id);
  }
}
