package io.phonehome.device;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code devices:} in devices.yaml: a phone on the bench or a virtual
 * handset that phonehome starts itself.
 *
 * @param name unique; used in reports
 * @param serial adb serial ({@code host:port} for network phones); empty for virtual ones
 *     until started
 * @param appium WebDriver URL of the phone's Appium server; empty for virtual ones until
 *     started
 * @param rooted whether {@code su} works (system CA install, packet capture)
 * @param identity identifiers the lab knows, by identity key ({@code imei}, ...)
 * @param contacts contact numbers the lab planted on the phone
 * @param observe per-device override of the lab's observe time
 * @param firmware firmware builds and the flash command, when given
 * @param virtual set for a virtual handset
 * @param consentPolicy the consent policy file the device's uploads are judged by
 *     ({@code consent-policy:}, resolved against the folder of devices.yaml); empty when
 *     none is given, and then nothing carrying an identifier is consented. The file is
 *     read and checked when devices.yaml is, so a bad policy stops the run before it starts
 * @param secondIdentity {@code second-identity:}, the identity a differential run switches
 *     the phone to for its second run, by identity key; empty when none is given (a
 *     virtual handset's provisioner then generates one)
 * @param identitySwitch {@code identity-switch:}, the command template that writes an
 *     identity onto the phone ({@code {serial}}, {@code {adb}} and the identity keys
 *     substituted, see {@link IdentitySwitch}); empty when none is given
 * @param udid {@code udid:}, how the phone's Appium server knows it ({@code appium:udid});
 *     empty for the adb serial
 */
public record DeviceSpec(
    String name,
    Optional<String> serial,
    Optional<URI> appium,
    boolean rooted,
    Map<String, String> identity,
    List<String> contacts,
    Optional<Duration> observe,
    Optional<Firmware> firmware,
    Optional<Virtual> virtual,
    Optional<Path> consentPolicy,
    Map<String, String> secondIdentity,
    Optional<String> identitySwitch,
    Optional<String> udid) {

  public DeviceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(udid, "udid");
    Objects.requireNonNull(consentPolicy, "consentPolicy");
    Objects.requireNonNull(identitySwitch, "identitySwitch");
    identity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identity));
    contacts = List.copyOf(contacts);
    secondIdentity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondIdentity));
  }

  /** A device without a second identity or an identity switch. */
  public DeviceSpec(String name, Optional<String> serial, Optional<URI> appium, boolean rooted,
      Map<String, String> identity, List<String> contacts, Optional<Duration> observe,
      Optional<Firmware> firmware, Optional<Virtual> virtual, Optional<Path> consentPolicy) {
    this(name, serial, appium, rooted, identity, contacts, observe, firmware, virtual, consentPolicy,
        Map.of(), Optional.empty(), Optional.empty());
  }

  /** How its Appium server knows the phone: {@code udid:}, else the adb serial. */
  public Optional<String> appiumUdid() {
    return udid.or(() -> serial);
  }

  public boolean isVirtual() {
    return virtual.isPresent();
  }

  /** This device once started: the serial and Appium URL it was given. */
  public DeviceSpec attached(String newSerial, URI newAppium) {
    return attached(newSerial, Optional.of(newAppium));
  }

  /** This device once started: its serial, and its Appium URL where it serves one itself. */
  public DeviceSpec attached(String newSerial, Optional<URI> newAppium) {
    return new DeviceSpec(name, Optional.of(newSerial), newAppium, rooted, identity,
        contacts, observe, firmware, virtual, consentPolicy, secondIdentity, identitySwitch, udid);
  }

  /** This device driven through the Appium server at {@code url} (the lab's). */
  public DeviceSpec withAppium(URI url) {
    return new DeviceSpec(name, serial, Optional.of(url), rooted, identity,
        contacts, observe, firmware, virtual, consentPolicy, secondIdentity, identitySwitch, udid);
  }

  /** This device with this second identity and identity-switch template. */
  public DeviceSpec withIdentitySwitch(Map<String, String> second, String template) {
    return new DeviceSpec(name, serial, appium, rooted, identity, contacts, observe, firmware, virtual,
        consentPolicy, second, Optional.of(template), udid);
  }

  /** {@code firmware:}: the flash command template and the builds by name. */
  public record Firmware(Optional<String> flash, Map<String, String> builds) {
    public Firmware {
      builds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builds));
    }
  }

  /**
   * {@code virtual:}: the firmware profile a virtual handset boots, and what drives its UI.
   *
   * @param driver {@link Driver#DIRECT}: the handset's own UiAutomator2-compatible endpoint;
   *     {@link Driver#APPIUM}: the lab's Appium server over adb, as a farm phone
   */
  public record Virtual(Path firmware, Driver driver) {
    public Virtual {
      Objects.requireNonNull(firmware, "firmware");
      Objects.requireNonNull(driver, "driver");
    }

    /** A handset driven through its own endpoint. */
    public Virtual(Path firmware) {
      this(firmware, Driver.DIRECT);
    }
  }

  /** {@code virtual.driver:}. */
  public enum Driver {
    DIRECT,
    APPIUM;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
