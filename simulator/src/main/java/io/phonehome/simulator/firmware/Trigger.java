package io.phonehome.simulator.firmware;

import io.phonehome.simulator.state.Settings;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a service runs: {@code boot}, {@code every:<N>s}, {@code sms-sent},
 * {@code contact-added} or {@code setting:<namespace:key>} (whenever that setting changes).
 *
 * @param period the timer period for {@link Kind#EVERY}, else {@code null}
 * @param setting the {@code namespace:key} watched by {@link Kind#SETTING}, else {@code null}
 */
public record Trigger(Kind kind, Duration period, String setting) {
  private static final Pattern EVERY = Pattern.compile("every:(\\d{1,6})s");
  static final String ALLOWED =
      "boot, every:<seconds>s, sms-sent, contact-added or setting:<namespace:key>";

  /** The kinds of trigger. */
  public enum Kind {
    BOOT, EVERY, SMS_SENT, CONTACT_ADDED, SETTING
  }

  /**
   * Parses a trigger as a profile writes it.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static Trigger parse(String text) {
    switch (text) {
      case "boot":
        return new Trigger(Kind.BOOT, null, null);
      case "sms-sent":
        return new Trigger(Kind.SMS_SENT, null, null);
      case "contact-added":
        return new Trigger(Kind.CONTACT_ADDED, null, null);
      default:
        break;
    }
    if (text.startsWith("every:")) {
      Matcher m = EVERY.matcher(text);
      long seconds = m.matches() ? Long.parseLong(m.group(1)) : 0;
      if (seconds < 1 || seconds > 86_400) {
        throw new IllegalArgumentException("bad period '" + text
            + "' (every:<seconds>s with 1 to 86400 seconds, e.g. every:30s)");
      }
      return new Trigger(Kind.EVERY, Duration.ofSeconds(seconds), null);
    }
    if (text.startsWith("setting:")) {
      String key = text.substring("setting:".length());
      Settings.split(key);
      return new Trigger(Kind.SETTING, null, key);
    }
    throw new IllegalArgumentException("unknown trigger '" + text + "' (" + ALLOWED + ")");
  }

  @Override
  public String toString() {
    return switch (kind) {
      case BOOT -> "boot";
      case EVERY -> "every:" + period.toSeconds() + "s";
      case SMS_SENT -> "sms-sent";
      case CONTACT_ADDED -> "contact-added";
      case SETTING -> "setting:" + setting;
    };
  }
}
