package io.phonehome.simulator.state;

/**
 * One row of Android's SMS provider ({@code content://sms}).
 *
 * @param type 1 inbox, 2 sent (Android's {@code Telephony.Sms.MESSAGE_TYPE_*})
 * @param date milliseconds since the epoch
 */
public record SmsMessage(long id, long threadId, String address, long date, int read, int status, int type,
    String body) {
  public static final int TYPE_INBOX = 1;
  public static final int TYPE_SENT = 2;
}
