package io.phonehome.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identifiers the detector looks for: identifier name to its values, each value
 * keeping its origin. Identifiers with several values ({@code contacts}, {@code canary})
 * hold one value per entry.
 *
 * <pre>{@code
 * IdentitySet identity = IdentitySet.builder()
 *     .add("imei", "861234567890123", "devices.yaml")
 *     .add("contacts", "+886922000111", "phone")
 *     .build()
 *     .merge(IdentityFileReader.read(Path.of("identity.yaml")));
 * }</pre>
 */
public final class IdentitySet {
  /** The identifier under which planted values listed as {@code canaries} are reported. */
  public static final String CANARY = "canary";

  private static final IdentitySet EMPTY = new IdentitySet(Map.of());

  private final Map<String, List<IdentityValue>> byIdentifier;

  private IdentitySet(Map<String, List<IdentityValue>> byIdentifier) {
    Map<String, List<IdentityValue>> copy = new LinkedHashMap<>();
    byIdentifier.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.byIdentifier = java.util.Collections.unmodifiableMap(copy);
  }

  public static IdentitySet empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * An identity from a YAML-like map such as a device's {@code identity:} block in
   * devices.yaml: scalars become one value, lists one value per entry, and the key
   * {@code canaries} becomes identifier {@code canary}.
   */
  public static IdentitySet fromMap(Map<String, ?> map, String origin) {
    Builder builder = builder();
    map.forEach((key, value) -> {
      String identifier = identifierForKey(key);
      if (value instanceof Collection<?> many) {
        many.forEach(v -> builder.add(identifier, String.valueOf(v), origin));
      } else if (value != null) {
        builder.add(identifier, String.valueOf(value), origin);
      }
    });
    return builder.build();
  }

  static String identifierForKey(String key) {
    return "canaries".equals(key) ? CANARY : key;
  }

  /** Every value, identifiers in insertion order. */
  public List<IdentityValue> values() {
    List<IdentityValue> all = new ArrayList<>();
    byIdentifier.values().forEach(all::addAll);
    return all;
  }

  /** The values of one identifier; empty when the identifier is unknown. */
  public List<IdentityValue> valuesOf(String identifier) {
    return byIdentifier.getOrDefault(identifier, List.of());
  }

  public Set<String> identifiers() {
    return byIdentifier.keySet();
  }

  public boolean isEmpty() {
    return byIdentifier.isEmpty();
  }

  /**
   * This set plus the values of {@code other}. A value known to both keeps the origin it
   * has here, so the first source named stays the one reported.
   */
  public IdentitySet merge(IdentitySet other) {
    Builder builder = builder();
    values().forEach(builder::add);
    other.values().forEach(builder::add);
    return builder.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentitySet that && byIdentifier.equals(that.byIdentifier);
  }

  @Override
  public int hashCode() {
    return byIdentifier.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("IdentitySet{");
    byIdentifier.forEach((k, v) -> sb.append(k).append('=').append(v.size()).append(' '));
    return sb.toString().strip() + "}";
  }

  /** Collects values; the same identifier and value added twice is kept once. */
  public static final class Builder {
    private final Map<String, List<IdentityValue>> byIdentifier = new LinkedHashMap<>();
    private final Set<List<String>> seen = new LinkedHashSet<>();

    private Builder() {}

    public Builder add(String identifier, String value, String origin) {
      return add(new IdentityValue(identifier, value, origin));
    }

    public Builder add(IdentityValue value) {
      Objects.requireNonNull(value, "value");
      if (seen.add(List.of(value.identifier(), value.value()))) {
        byIdentifier.computeIfAbsent(value.identifier(), k -> new ArrayList<>()).add(value);
      }
      return this;
    }

    public Builder addAll(String identifier, Collection<String> values, String origin) {
      values.forEach(v -> add(identifier, v, origin));
      return this;
    }

    public IdentitySet build() {
      return byIdentifier.isEmpty() ? EMPTY : new IdentitySet(byIdentifier);
    }
  }
}
