package io.phonehome.simulator.firmware;

import java.util.List;

/**
 * The names a template may put in braces, as DESIGN.md lists them, plus the contact an
 * event added ({@code contact.name}, {@code contact.number}; empty outside
 * {@code contact-added} services).
 */
public final class Placeholder {
  /** Every placeholder name, in the order DESIGN.md lists them. */
  public static final List<String> NAMES = List.of(
      "imei", "imsi", "iccid", "phone-number", "android-id", "serial", "wifi-mac", "carrier",
      "contacts", "sms.body", "sms.to", "location", "contact.name", "contact.number");

  private Placeholder() {}

  public static boolean isKnown(String name) {
    return NAMES.contains(name);
  }
}
