package io.phonehome.simulator.webdriver;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.state.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Profiles and handsets for the WebDriver tests: three privacy switches with awkward labels. */
final class Handsets {
  static final String CLOUD_SYNC = "Cloud sync & backup";
  static final String EXPERIENCE = "User <experience> program";
  static final String DIAGNOSTICS = "Send \"diagnostics\" <!DOCTYPE x>";

  private Handsets() {}

  static FirmwareProfile profile() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("secure:cloud_sync", "1");
    settings.put("secure:user_experience", "1");
    settings.put("global:diagnostics", "1");
    Map<String, String> switches = new LinkedHashMap<>();
    switches.put(CLOUD_SYNC, "secure:cloud_sync");
    switches.put(EXPERIENCE, "secure:user_experience");
    switches.put(DIAGNOSTICS, "global:diagnostics");
    return new FirmwareProfile(Path.of("test-firmware.yaml"),
        new FirmwareProfile.Build("MIUI-V5-2014.08", "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys"),
        settings, switches, List.of());
  }

  static VirtualHandset started() throws IOException {
    VirtualHandset h = new VirtualHandset(profile(),
        new Identity(Map.of("imei", "861234567890123"), List.of()), 0, 0);
    try {
      h.start();
    } catch (IOException | RuntimeException e) {
      h.close();
      throw e;
    }
    return h;
  }
}
