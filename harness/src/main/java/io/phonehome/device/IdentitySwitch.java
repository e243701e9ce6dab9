package io.phonehome.device;

import io.phonehome.detect.IdentityValue;
import io.phonehome.device.phone.IdentityCheck;
import io.phonehome.device.phone.PhoneIdentity;
import io.phonehome.device.phone.PhoneIdentityReader;
import io.phonehome.lifecycle.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes another identity onto a phone for the second run of a differential scenario,
 * and the first one back afterwards, with the device's {@code identity-switch} command
 * template from devices.yaml ({@code {serial}}, {@code {adb}} and every identity key
 * substituted, each value single-quoted as {@link Flasher#command} does, run with
 * {@code sh -c}). After the command the identity is read again from the phone
 * ({@link PhoneIdentityReader}); a phone that does not report the identity it was given
 * within {@link #TAKE_TIMEOUT} is a {@link DeviceException} (BROKEN), never a verdict. A
 * key the phone tells neither when provisioned nor after the switch (a phone number on
 * a build whose {@code iphonesubinfo} codes the reader does not know) cannot be checked
 * and is listed by {@link #unchecked()}; at least one key must be checked.
 *
 * <pre>{@code
 * Optional<IdentitySwitch> sw = IdentitySwitch.of(phone, adb.adbPath(), provisioned);
 * PhoneIdentity second = sw.get().toSecond();
 * try { ... } finally { sw.get().toFirst(); }
 * }</pre>
 */
public final class IdentitySwitch {
  /** How long the command may run. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  /** How long the phone may take to report the identity it was given. */
  public static final Duration TAKE_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)}");

  private final AndroidDevice phone;
  private final Path adb;
  private final String template;
  private final Map<String, String> first;
  private final Map<String, String> second;
  private final PhoneIdentity provisioned;

  /**
   * @param phone the phone to switch
   * @param adb the adb binary, for {@code {adb}}
   * @param template the command template
   * @param first the identity to restore, for every key the template or {@code second} names
   * @param second the identity of the second run
   * @param provisioned what the phone told when provisioned: the keys it told are checked
   */
  public IdentitySwitch(AndroidDevice phone, Path adb, String template, Map<String, String> first,
      Map<String, String> second, PhoneIdentity provisioned) {
    this.phone = Objects.requireNonNull(phone, "phone");
    this.adb = Objects.requireNonNull(adb, "adb");
    this.template = Objects.requireNonNull(template, "template");
    this.first = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(first));
    this.second = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(second));
    this.provisioned = Objects.requireNonNull(provisioned, "provisioned");
  }

  /**
   * The switch of a phone whose devices.yaml entry (or provisioner) gives an
   * {@code identity-switch} template and a {@code second-identity}; empty otherwise. The
   * first identity is what the phone reported when provisioned, else what devices.yaml
   * declares; a key known to neither is a {@link DeviceException} naming it.
   */
  public static Optional<IdentitySwitch> of(AndroidDevice phone, Path adb, PhoneIdentity provisioned) {
    DeviceSpec spec = phone.spec();
    if (spec.identitySwitch().isEmpty() || spec.secondIdentity().isEmpty()) {
      return Optional.empty();
    }
    String template = spec.identitySwitch().get();
    Set<String> keys = new LinkedHashSet<>(spec.secondIdentity().keySet());
    keys.addAll(identityPlaceholders(template));
    Map<String, String> first = new LinkedHashMap<>();
    for (String key : keys) {
      Optional<String> value = provisioned.values().valuesOf(key).stream().map(IdentityValue::value).findFirst()
          .or(() -> Optional.ofNullable(spec.identity().get(key)));
      if (value.isEmpty()) {
        throw new DeviceException(spec.name() + ": cannot switch the identity and back: the phone did not tell its "
            + key + " and devices.yaml 'identity' has none (add it there)");
      }
      first.put(key, value.get());
    }
    return Optional.of(new IdentitySwitch(phone, adb, template, first, spec.secondIdentity(), provisioned));
  }

  /** The identity the phone had when provisioned, for the keys this switch changes. */
  public Map<String, String> first() {
    return first;
  }

  /** The identity of the second run. */
  public Map<String, String> second() {
    return second;
  }

  /** The switched keys the phone did not tell when provisioned: a switch cannot check them. */
  public Set<String> unchecked() {
    Set<String> keys = new LinkedHashSet<>(second.keySet());
    keys.removeIf(k -> !provisioned.values().valuesOf(k).isEmpty());
    return keys;
  }

  /** Writes the second identity and returns what the phone reports afterwards. */
  public PhoneIdentity toSecond() {
    return switchTo(second, "the second identity");
  }

  /** Writes the first identity back and returns what the phone reports afterwards. */
  public PhoneIdentity toFirst() {
    return switchTo(first, "its first identity");
  }

  private PhoneIdentity switchTo(Map<String, String> target, String which) {
    Map<String, String> values = new LinkedHashMap<>(first);
    values.putAll(target);
    String cmd = command(template, values, phone.serial(), adb);
    Tools.Result r = Tools.run(COMMAND_TIMEOUT, Program.SH.command("-c", cmd));
    if (r.exitCode() != 0) {
      throw new DeviceException(phone.name() + ": switching to " + which + " failed with status " + r.exitCode()
          + ": " + r.lastLines(3) + " (devices.yaml identity-switch)");
    }
    Instant deadline = Instant.now().plus(TAKE_TIMEOUT);
    while (true) {
      PhoneIdentity read = new PhoneIdentityReader(phone::shell).read();
      Map<String, String> checked = new LinkedHashMap<>(target);
      checked.keySet().removeIf(k -> provisioned.values().valuesOf(k).isEmpty() && read.values().valuesOf(k).isEmpty());
      if (checked.isEmpty()) {
        throw new DeviceException(phone.name() + ": cannot check the switch to " + which + ": the phone tells none of "
            + String.join(", ", target.keySet()) + " over adb");
      }
      List<String> differences = IdentityCheck.differences(checked, read);
      if (differences.isEmpty()) {
        return read;
      }
      if (Instant.now().isAfter(deadline)) {
        String said = r.output().isBlank() ? "" : "; the command printed: " + r.lastLines(3);
        throw new DeviceException(phone.name() + ": switching to " + which + " did not take within "
            + TAKE_TIMEOUT.toSeconds() + " s: " + String.join("; ", differences) + said);
      }
      Tools.pause(Duration.ofSeconds(1));
    }
  }

  /**
   * The shell command for one switch: {@code {serial}}, {@code {adb}} and each identity
   * key replaced by its single-quoted value. A placeholder with no value is a
   * {@link DeviceException}.
   */
  public static String command(String template, Map<String, String> identity, String serial, Path adb) {
    Map<String, String> values = new LinkedHashMap<>(identity);
    values.put("serial", serial);
    values.put("adb", adb.toString());
    for (String name : placeholders(template)) {
      if (!values.containsKey(name)) {
        throw new DeviceException("identity-switch uses {" + name + "}, which has no value (known: "
            + String.join(", ", values.keySet()) + ")");
      }
    }
    return Flasher.command(template, values);
  }

  /** Every {@code {name}} in a template, in order. */
  public static Set<String> placeholders(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The placeholders of a template that are identity keys. */
  static Set<String> identityPlaceholders(String template) {
    Set<String> names = new LinkedHashSet<>(placeholders(template));
    names.retainAll(IdentityKeys.all());
    return names;
  }
}
