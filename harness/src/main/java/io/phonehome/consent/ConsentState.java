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
