package io.phonehome.simulator.adb;

import io.phonehome.simulator.firmware.FirmwareProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Firmware profiles built in code, so these tests do not depend on the profile parser. */
final class Profiles {
  static final String FINGERPRINT = "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys";

  private Profiles() {}

  static FirmwareProfile armani() {
    return new FirmwareProfile(Path.of("armani-test.yaml"),
        new FirmwareProfile.Build("MIUI-V5-2014.08", FINGERPRINT),
        Map.of("secure:cloud_sync", "1", "secure:cloud_messaging", "1"),
        Map.of("Cloud sync", "secure:cloud_sync"), List.of());
  }
}
