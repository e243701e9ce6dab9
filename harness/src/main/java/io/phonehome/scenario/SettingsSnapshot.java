package io.phonehome.scenario;

import io.phonehome.device.AndroidDevice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of a phone ({@code settings list} of global, secure and system), keyed
 * {@code namespace:key}. Comparing two snapshots tells which settings a UI action
 * changed, without knowing the firmware's setting names.
 */
public record SettingsSnapshot(Map<String, String> values) {
  private static final String[] NAMESPACES = {"global", "secure", "system"};

  public SettingsSnapshot {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static SettingsSnapshot read(AndroidDevice phone) {
    Map<String, String> all = new TreeMap<>();
    for (String ns : NAMESPACES) {
      all.putAll(parse(ns, phone.shell("settings list " + ns)));
    }
    return new SettingsSnapshot(all);
  }

  /** Parses {@code settings list} output ({@code key=value} lines). */
  static Map<String, String> parse(String namespace, String output) {
    Map<String, String> out = new TreeMap<>();
    for (String line : output.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(namespace + ":" + line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** Settings whose value differs in {@code later}, with the later value. */
  public Map<String, String> changedIn(SettingsSnapshot later) {
    Map<String, String> changed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : later.values.entrySet()) {
      if (!e.getValue().equals(values.get(e.getKey()))) {
        changed.put(e.getKey(), e.getValue());
      }
    }
    return changed;
  }

  /** The keys of {@code expected} whose value here is different. */
  public Map<String, String> differingFrom(Map<String, String> expected) {
    Map<String, String> differing = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String now = values.get(e.getKey());
      if (!e.getValue().equals(now)) {
        differing.put(e.getKey(), String.valueOf(now));
      }
    }
    return differing;
  }

  /** The values of these keys here, for the consent state shown with a verdict. */
  public Map<String, String> select(Iterable<String> keys) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, String.valueOf(values.get(k)));
    }
    return out;
  }
}
