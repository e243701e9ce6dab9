package io.phonehome.scenario;

import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.IdentityValue;
import io.phonehome.device.phone.IdentityMerge;
import io.phonehome.device.phone.PhoneIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity one run of a scenario hunts for, and the identity values the differential
 * comparison sees as planted in it.
 *
 * @param merged what the phone told merged with what the lab declares, with origins
 * @param switched the values of the keys a differential run switches (empty when the
 *     identity is not switched)
 */
record RunIdentity(IdentityMerge merged, Map<String, String> switched) {
  /** The origin of the values devices.yaml (or the provisioner) gives as the second identity. */
  static final String SECOND_ORIGIN = "second-identity";

  RunIdentity {
    switched = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(switched));
  }

  /** The device as provisioned: its identity, and the first values of the keys a switch changes. */
  static RunIdentity provisioned(DeviceUnderTest dut, Map<String, String> first) {
    return new RunIdentity(IdentityMerge.merge(declared(dut, Map.of()), dut.identityFromPhone()), first);
  }

  /**
   * The device after switching to {@code second}: the switched keys as the phone reports
   * them now and as the second identity declares them; every other value (contacts
   * included) as the phone told when provisioned, so that only the switch changes what is
   * hunted.
   */
  static RunIdentity switched(DeviceUnderTest dut, Map<String, String> second, PhoneIdentity readNow) {
    Set<String> keys = second.keySet();
    IdentitySet.Builder phone = IdentitySet.builder();
    readNow.values().values().stream().filter(v -> keys.contains(v.identifier())).forEach(phone::add);
    dut.identityFromPhone().values().values().stream()
        .filter(v -> !keys.contains(v.identifier())).forEach(phone::add);
    PhoneIdentity read = new PhoneIdentity(phone.build(), readNow.notes(), readNow.simState());
    return new RunIdentity(IdentityMerge.merge(declared(dut, second), read), second);
  }

  private static IdentitySet declared(DeviceUnderTest dut, Map<String, String> second) {
    IdentitySet.Builder b = IdentitySet.builder();
    dut.spec().identity().forEach((k, v) -> {
      if (!second.containsKey(k)) {
        b.add(k, v, "devices.yaml");
      }
    });
    second.forEach((k, v) -> b.add(k, v, SECOND_ORIGIN));
    b.addAll("contacts", dut.spec().contacts(), "devices.yaml");
    return b.build();
  }

  /** Every value the run's detector hunts for. */
  IdentitySet hunted() {
    return merged.identity();
  }

  /** The identity table for the report: identifier, value, origin. */
  List<String> table() {
    return merged.describe();
  }

  /** {@code imei 490154203237518 -> 490154208815427, ...}: how the switched keys changed. */
  static String changes(Map<String, String> from, Map<String, String> to) {
    StringBuilder sb = new StringBuilder();
    to.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(from.getOrDefault(k, "?")).append(" -> ").append(v));
    return sb.toString();
  }

  /** {@code imei 490154203237518, ...}: values of the switched keys as the phone reports them. */
  static String reported(Set<String> keys, PhoneIdentity read) {
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      String told = read.values().valuesOf(k).stream().map(IdentityValue::value).findFirst().orElse("(not told)");
      sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(told);
    }
    return sb.toString();
  }
}
