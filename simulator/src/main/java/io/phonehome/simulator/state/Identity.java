package io.phonehome.simulator.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who the handset is: IMEI, phone number, Wi-Fi MAC and the rest, keyed as in the
 * identity file contract ({@code imei}, {@code phone-number}, {@code wifi-mac}, ...),
 * plus the numbers in its contacts.
 */
public record Identity(Map<String, String> values, List<String> contacts) {
  public Identity {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    contacts = List.copyOf(contacts);
  }

  public static Identity empty() {
    return new Identity(Map.of(), List.of());
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }
}
