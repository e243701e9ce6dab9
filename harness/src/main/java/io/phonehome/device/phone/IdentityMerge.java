package io.phonehome.device.phone;

import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.IdentityValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The identity a scenario searches for: what the phone told plus what devices.yaml
 * declares. Both are kept when they differ (a phone may report its number in national
 * form, the lab may have declared a second IMEI), declared values fill what the phone
 * could not tell, and a value known to both carries both origins ({@code phone,
 * devices.yaml}) so the report shows where each came from.
 *
 * <pre>{@code
 * IdentityMerge merged = IdentityMerge.merge(dut.identity(), new PhoneIdentityReader(device::shell).read());
 * merged.describe();   // ["imei          861234567890123  phone, devices.yaml", ...]
 * Audit.run(flows, merged.identity(), policy);
 * }</pre>
 */
public final class IdentityMerge {
  private final Map<String, Map<String, Set<String>>> origins;
  private final List<String> notes;

  private IdentityMerge(Map<String, Map<String, Set<String>>> origins, List<String> notes) {
    this.origins = origins;
    this.notes = List.copyOf(notes);
  }

  /**
   * Phone values first, then declared ones, each identifier in the order it was first met.
   *
   * @param declared the device's {@code identity} from devices.yaml (origin {@code devices.yaml})
   * @param read what {@link PhoneIdentityReader} read
   */
  public static IdentityMerge merge(IdentitySet declared, PhoneIdentity read) {
    Objects.requireNonNull(declared, "declared");
    Objects.requireNonNull(read, "read");
    Map<String, Map<String, Set<String>>> origins = new LinkedHashMap<>();
    for (IdentityValue v : read.values().values()) {
      record(origins, v);
    }
    for (IdentityValue v : declared.values()) {
      record(origins, v);
    }
    return new IdentityMerge(origins, read.notes());
  }

  private static void record(Map<String, Map<String, Set<String>>> origins, IdentityValue v) {
    origins.computeIfAbsent(v.identifier(), k -> new LinkedHashMap<>())
        .computeIfAbsent(v.value(), k -> new LinkedHashSet<>())
        .add(v.origin());
  }

  /** Every value to search for; one known to several sources has origin "a, b". */
  public IdentitySet identity() {
    IdentitySet.Builder builder = IdentitySet.builder();
    origins.forEach((identifier, values) -> values.forEach(
        (value, from) -> builder.add(identifier, value, String.join(", ", from))));
    return builder.build();
  }

  /** What the phone could not tell, as {@link PhoneIdentity#notes()}. */
  public List<String> notes() {
    return notes;
  }

  /**
   * A table for the report, one line per value, then the notes:
   * {@code imei          861234567890123  phone, devices.yaml}.
   */
  public List<String> describe() {
    int keyWidth = "identifier".length();
    int valueWidth = "value".length();
    for (Map.Entry<String, Map<String, Set<String>>> e : origins.entrySet()) {
      keyWidth = Math.max(keyWidth, e.getKey().length());
      for (String value : e.getValue().keySet()) {
        valueWidth = Math.max(valueWidth, value.length());
      }
    }
    String format = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(format, "identifier", "value", "origin").stripTrailing());
    origins.forEach((identifier, values) -> values.forEach((value, from) ->
        lines.add(String.format(format, identifier, value, String.join(", ", from)))));
    notes.forEach(n -> lines.add("note: " + n));
    return List.copyOf(lines);
  }
}
