package io.phonehome.device.phone;

/** Comparing phone numbers the way the phone would, whatever form each is written in. */
final class PhoneNumbers {
  /** Android's loose comparison also settles for the last 7 digits; so do we. */
  private static final int MIN_MATCH = 7;

  private PhoneNumbers() {}

  /**
   * Whether two numbers name the same line: {@code +886922000111}, {@code 0922000111} and
   * {@code 0922-000-111} all match. Digits only, trunk zeros dropped, then the shorter must
   * end the longer and have at least 7 digits.
   */
  static boolean same(String a, String b) {
    String da = significantDigits(a);
    String db = significantDigits(b);
    if (da.isEmpty() || db.isEmpty()) {
      return false;
    }
    if (da.equals(db)) {
      return true;
    }
    String longer = da.length() >= db.length() ? da : db;
    String shorter = longer == da ? db : da;
    return shorter.length() >= MIN_MATCH && longer.endsWith(shorter);
  }

  static String significantDigits(String number) {
    String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
