package io.phonehome.scenario;

import java.security.SecureRandom;

/**
 * Values a scenario plants on the phone so that the detector can hunt for them: unique
 * per run, so that a match can only come from this run's action.
 *
 * @param smsBody the text of the SMS sent
 * @param smsTo the recipient's number (E.164, Taiwan mobile range)
 * @param contactName the name of the contact added
 * @param contactNumber the number of the contact added
 */
public record Canaries(String smsBody, String smsTo, String contactName, String contactNumber) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static Canaries fresh() {
    String tag = hex(4);
    return new Canaries("Lunch at 12? ph-" + tag + hex(2), mobileNumber(), "Canary " + tag, mobileNumber());
  }

  /**
   * Fresh values whose SMS body is about three times as long as {@link #fresh()}'s (and
   * has no comma, which the SMS provider's output would split on): the second run of a
   * differential pair, so that an upload whose size follows the body changes clearly.
   */
  public static Canaries freshLong() {
    String tag = hex(4);
    return new Canaries("Running late so start without me and I will call you from the station ph-" + tag + hex(2),
        mobileNumber(), "Canary " + tag, mobileNumber());
  }

  private static String mobileNumber() {
    StringBuilder n = new StringBuilder("+8869");
    for (int i = 0; i < 8; i++) {
      n.append(RANDOM.nextInt(10));
    }
    return n.toString();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }
}
