package io.phonehome.device.phone;

import io.phonehome.detect.IdentitySet;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a phone told about itself over adb.
 *
 * @param values identifiers read, each with origin {@code phone}
 * @param notes one line per identifier the phone could not tell, e.g.
 *     {@code imsi: the phone did not tell (no SIM)}
 * @param simState {@code gsm.sim.state} as the phone reported it ({@code READY}, {@code ABSENT},
 *     {@code READY,ABSENT} on a dual-SIM phone), or "" when it did not say
 */
public record PhoneIdentity(IdentitySet values, List<String> notes, String simState) {
  public PhoneIdentity {
    Objects.requireNonNull(values, "values");
    notes = List.copyOf(notes);
    Objects.requireNonNull(simState, "simState");
  }

  /** An identity without a reported SIM state. */
  public PhoneIdentity(IdentitySet values, List<String> notes) {
    this(values, notes, "");
  }

  /** True only when the phone said every SIM slot is {@code ABSENT}. */
  public boolean simAbsent() {
    List<String> slots = Arrays.stream(simState.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    return !slots.isEmpty() && slots.stream().allMatch("ABSENT"::equalsIgnoreCase);
  }
}
