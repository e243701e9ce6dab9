package io.phonehome.simulator.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Android's settings provider: three namespaces ({@code global}, {@code secure},
 * {@code system}) of string values. Keys are written {@code namespace:key} where one
 * string names a setting, as in firmware profiles.
 */
public final class Settings {
  public static final List<String> NAMESPACES = List.of("global", "secure", "system");

  private final Map<String, TreeMap<String, String>> values = new TreeMap<>();
  private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();

  public Settings() {
    for (String ns : NAMESPACES) {
      values.put(ns, new TreeMap<>());
    }
  }

  /** The value, or {@code null} when unset (Android's shell prints "null"). */
  public synchronized String get(String namespace, String key) {
    return namespace(namespace).get(key);
  }

  /** Reads a {@code namespace:key} setting. */
  public String get(String qualifiedKey) {
    String[] parts = split(qualifiedKey);
    return get(parts[0], parts[1]);
  }

  public void put(String namespace, String key, String value) {
    Objects.requireNonNull(value, "value");
    String old;
    synchronized (this) {
      old = namespace(namespace).put(key, value);
    }
    if (!value.equals(old)) {
      for (BiConsumer<String, String> l : listeners) {
        l.accept(namespace + ":" + key, value);
      }
    }
  }

  public void put(String qualifiedKey, String value) {
    String[] parts = split(qualifiedKey);
    put(parts[0], parts[1], value);
  }

  public synchronized void delete(String namespace, String key) {
    namespace(namespace).remove(key);
  }

  /** A sorted copy of one namespace. */
  public synchronized Map<String, String> list(String namespace) {
    return new TreeMap<>(namespace(namespace));
  }

  /** Called with ({@code namespace:key}, new value) after every change. */
  public void onChange(BiConsumer<String, String> listener) {
    listeners.add(listener);
  }

  public static boolean isNamespace(String namespace) {
    return NAMESPACES.contains(namespace);
  }

  /** Splits {@code namespace:key}; rejects anything else. */
  public static String[] split(String qualifiedKey) {
    int colon = qualifiedKey.indexOf(':');
    if (colon <= 0 || colon == qualifiedKey.length() - 1) {
      throw new IllegalArgumentException(
          "setting must be written namespace:key (e.g. secure:cloud_sync), got '" + qualifiedKey + "'");
    }
    String ns = qualifiedKey.substring(0, colon);
    if (!isNamespace(ns)) {
      throw new IllegalArgumentException(
          "unknown settings namespace '" + ns + "' in '" + qualifiedKey + "' (global, secure or system)");
    }
    return new String[] {ns, qualifiedKey.substring(colon + 1)};
  }

  private Map<String, String> namespace(String namespace) {
    TreeMap<String, String> ns = values.get(namespace);
    if (ns == null) {
      throw new IllegalArgumentException("unknown settings namespace: " + namespace);
    }
    return ns;
  }
}
