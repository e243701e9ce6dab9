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
    Optional<Path> consentPolicy) {

  public DeviceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(consentPolicy, "consentPolicy");
    identity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identity));
    contacts = List.copyOf(contacts);
  }

  public boolean isVirtual() {
    return virtual.isPresent();
  }

  /** This device once started: the serial and Appium URL it was given. */
  public DeviceSpec attached(String newSerial, URI newAppium) {
    return new DeviceSpec(name, Optional.of(newSerial), Optional.of(newAppium), rooted, identity,
        contacts, observe, firmware, virtual, consentPolicy);
  }

  /** {@code firmware:}: the flash command template and the builds by name. */
  public record Firmware(Optional<String> flash, Map<String, String> builds) {
    public Firmware {
      builds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builds));
    }
  }

  /** {@code virtual:}: the firmware profile a virtual handset boots. */
  public record Virtual(Path firmware) {
    public Virtual {
      Objects.requireNonNull(firmware, "firmware");
    }
  }
}
