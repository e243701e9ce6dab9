package io.phonehome.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identity keys a phone can be switched to ({@code second-identity:} in devices.yaml)
 * and the shape each value must have, there and in {@code identity:}: an IMEI is 15
 * digits with a valid Luhn check digit, a phone number 3 to 15 digits after an optional
 * {@code +}, and so on. The
 * phone's {@code serial} is not one of them: in a command template {@code {serial}} is
 * the adb serial, as in {@link Flasher}.
 */
public final class IdentityKeys {
  private static final Map<String, Pattern> SHAPES = shapes();

  private IdentityKeys() {}

  private static Map<String, Pattern> shapes() {
    Map<String, Pattern> s = new LinkedHashMap<>();
    s.put("imei", Pattern.compile("[0-9]{15}"));
    s.put("imsi", Pattern.compile("[0-9]{6,15}"));
    s.put("iccid", Pattern.compile("[0-9]{18,22}[Ff]?"));
    s.put("phone-number", Pattern.compile("\\+?[0-9]{3,15}"));
    s.put("android-id", Pattern.compile("[0-9A-Fa-f]{16}"));
    s.put("wifi-mac", Pattern.compile("[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}"));
    s.put("carrier", Pattern.compile("[^\\s\"$`\\\\][^\"$`\\\\]{0,63}"));
    return java.util.Collections.unmodifiableMap(s);
  }

  /** The keys, in the order reports list them. */
  public static Set<String> all() {
    return SHAPES.keySet();
  }

  /** Why {@code value} is not a valid {@code key}, or empty when it is. */
  public static Optional<String> problem(String key, String value) {
    return shapeProblem(key, value).or(() -> checkDigitProblem(key, value));
  }

  /**
   * Why {@code value} does not have the shape of a {@code key} (a letter in an IMEI, five
   * octets in a MAC), or empty when it has; the IMEI's check digit is not looked at.
   */
  public static Optional<String> shapeProblem(String key, String value) {
    Pattern shape = SHAPES.get(key);
    if (shape == null) {
      return Optional.of("unknown identity key (allowed: " + String.join(", ", SHAPES.keySet()) + ")");
    }
    if (!shape.matcher(value).matches()) {
      return Optional.of("'" + value + "' is not a valid " + key + " (" + hint(key) + ")");
    }
    return Optional.empty();
  }

  /** For an IMEI of the right shape whose Luhn check digit is wrong: which it should be. */
  public static Optional<String> checkDigitProblem(String key, String value) {
    if (key.equals("imei") && SHAPES.get(key).matcher(value).matches() && !luhnValid(value)) {
      return Optional.of("'" + value + "' is not a valid imei: its check digit should be "
          + luhnDigit(value.substring(0, 14)));
    }
    return Optional.empty();
  }

  private static String hint(String key) {
    return switch (key) {
      case "imei" -> "15 digits, the last a Luhn check digit";
      case "imsi" -> "6 to 15 digits";
      case "iccid" -> "18 to 22 digits";
      case "phone-number" -> "3 to 15 digits after an optional +, no spaces";
      case "android-id" -> "16 hex digits";
      case "wifi-mac" -> "six hex octets, e.g. ac:f7:f3:12:34:56";
      default -> "a name of at most 64 characters, without \" $ ` or \\";
    };
  }

  /** Whether a digit string ends in its Luhn check digit (IMEIs and ICCIDs do). */
  public static boolean luhnValid(String digits) {
    return !digits.isEmpty() && luhnDigit(digits.substring(0, digits.length() - 1))
        == digits.charAt(digits.length() - 1) - '0';
  }

  /** The Luhn check digit that completes {@code payload}. */
  public static int luhnDigit(String payload) {
    int sum = 0;
    for (int i = 0; i < payload.length(); i++) {
      int d = payload.charAt(payload.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }
}
