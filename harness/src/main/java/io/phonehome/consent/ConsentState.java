package io.phonehome.consent;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The phone's privacy settings when a flow was judged, by {@code namespace:key}, as read
 * back over adb after a scenario's last step ({@code secure:cloud_sync=0, ...}).
 */
public record ConsentState(Map<String, String> settings) {
  private static final ConsentState UNKNOWN = new ConsentState(Map.of());

  public ConsentState {
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** No settings recorded (an offline audit of a HAR file). */
  public static ConsentState unknown() {
    return UNKNOWN;
  }

  public static ConsentState of(Map<String, String> settings) {
    return new ConsentState(settings);
  }

  /**
   * Parses {@code secure:cloud_messaging=1,secure:cloud_sync=0} (the form of
   * {@code audit --consent-state}); each name is {@code namespace:key} with namespace
   * global, secure or system.
   *
   * @throws IllegalArgumentException naming the bad entry and the expected form
   */
  public static ConsentState parse(String text) {
    Map<String, String> settings = new TreeMap<>();
    for (String entry : text.split(",", -1)) {
      String trimmed = entry.trim();
      int eq = trimmed.indexOf('=');
      String key = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
      String value = eq < 0 ? "" : trimmed.substring(eq + 1).trim();
      if (!ConsentPolicyFile.isSwitchKey(key) || value.isEmpty()) {
        throw new IllegalArgumentException("'" + trimmed + "' is not a setting (use namespace:key=value,"
            + " namespace global, secure or system, e.g. secure:cloud_messaging=1,secure:cloud_sync=0)");
      }
      if (settings.put(key, value) != null) {
        throw new IllegalArgumentException("'" + key + "' given twice");
      }
    }
    return new ConsentState(settings);
  }

  /** {@code secure:cloud_messaging=0, secure:cloud_sync=0}, sorted by name. */
  public String describe() {
    if (settings.isEmpty()) {
      return "no consent settings recorded";
    }
    return settings.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return describe();
  }
}
