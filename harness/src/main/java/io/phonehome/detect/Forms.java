package io.phonehome.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The written forms of one value: as given, upper and lower case, phone numbers in
 * E.164, digits only, national and subscriber form, MAC addresses with and without
 * separators in both cases. Forms shorter than {@link #MIN_LENGTH} are dropped.
 *
 * <p>A form that a firmware transform would produce carries that transform as its chain
 * ({@code upper}, {@code lower}, {@code digits}), so that findings name the same chain a
 * profile writes ({@code {android-id|upper|md5}} is found as {@code upper+md5}). The
 * other forms (national, subscriber, MAC separators) have no transform and an empty
 * chain; their name says which form matched.
 */
final class Forms {
  /** Shorter values match by chance far too often to mean anything. */
  static final int MIN_LENGTH = 4;

  /**
   * One written form of a value.
   *
   * @param name which form: as-given, digits, national, subscriber, mac-colon, ...
   * @param chain the transforms that make it from the value, joined with +; empty for none
   */
  record Form(String name, String chain, String text) {}

  private static final Set<String> PHONE_IDENTIFIERS = Set.of("phone-number", "contacts", "sms.to");
  private static final Pattern E164 = Pattern.compile("\\+[0-9][0-9 ()./-]{5,20}");
  private static final Pattern MAC =
      Pattern.compile("[0-9A-Fa-f]{2}([:-]?)[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}");
  private static final int MIN_PHONE_DIGITS = 7;

  /** ITU zone 2 to 9 calling codes two digits long; others in those zones have three. */
  private static final Set<String> TWO_DIGIT_CODES = Set.of(
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
      "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
      "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
      "95", "98");

  private Forms() {}

  static List<Form> of(String identifier, String value) {
    Map<String, Form> byText = new LinkedHashMap<>();
    add(byText, "as-given", "", value);
    if (MAC.matcher(value).matches()) {
      addMacForms(byText, value);
    }
    if (PHONE_IDENTIFIERS.contains(identifier) || E164.matcher(value).matches()) {
      addPhoneForms(byText, value);
    }
    add(byText, "as-given", "upper", value.toUpperCase(Locale.ROOT));
    add(byText, "as-given", "lower", value.toLowerCase(Locale.ROOT));
    return new ArrayList<>(byText.values());
  }

  private static void addMacForms(Map<String, Form> byText, String value) {
    String bare = value.replaceAll("[:-]", "").toLowerCase(Locale.ROOT);
    List<String> octets = new ArrayList<>();
    for (int i = 0; i < 12; i += 2) {
      octets.add(bare.substring(i, i + 2));
    }
    for (String sep : List.of(":", "-", "")) {
      String name = switch (sep) {
        case ":" -> "mac-colon";
        case "-" -> "mac-dash";
        default -> "mac-bare";
      };
      String lower = String.join(sep, octets);
      String upper = lower.toUpperCase(Locale.ROOT);
      add(byText, name, value.equals(value.toLowerCase(Locale.ROOT)) ? "" : "lower", lower);
      add(byText, name, value.equals(value.toUpperCase(Locale.ROOT)) ? "" : "upper", upper);
    }
  }

  private static void addPhoneForms(Map<String, Form> byText, String value) {
    String digits = value.replaceAll("[^0-9]", "");
    if (digits.length() < MIN_PHONE_DIGITS) {
      return;
    }
    add(byText, "digits", value.equals(digits) ? "" : "digits", digits);
    if (value.strip().startsWith("+")) {
      add(byText, "e164", "", "+" + digits);
      String subscriber = digits.substring(countryCodeLength(digits));
      if (subscriber.length() >= MIN_PHONE_DIGITS) {
        // NANP numbers are dialled nationally without a trunk prefix; most others add 0
        add(byText, "national", "", digits.startsWith("1") ? subscriber : "0" + subscriber);
        add(byText, "subscriber", "", subscriber);
      }
    }
  }

  static int countryCodeLength(String digits) {
    char zone = digits.charAt(0);
    if (zone == '1' || zone == '7') {
      return 1;
    }
    return TWO_DIGIT_CODES.contains(digits.substring(0, 2)) ? 2 : 3;
  }

  private static void add(Map<String, Form> byText, String name, String chain, String text) {
    if (text.length() >= MIN_LENGTH) {
      byText.putIfAbsent(text, new Form(name, chain, text));
    }
  }
}
