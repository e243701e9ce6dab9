package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A phone state with three privacy switches, and a Ui over it, for unit tests. */
public final class Screens {
  public static final String CLOUD_SYNC = "Cloud sync & backup";
  public static final String EXPERIENCE = "User <experience> program";
  public static final String DIAGNOSTICS = "Send \"diagnostics\" <!DOCTYPE x>";

  private Screens() {}

  public static PhoneState state() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("secure:cloud_sync", "1");
    settings.put("secure:user_experience", "0");
    settings.put("global:diagnostics", "1");
    Map<String, String> switches = new LinkedHashMap<>();
    switches.put(CLOUD_SYNC, "secure:cloud_sync");
    switches.put(EXPERIENCE, "secure:user_experience");
    switches.put(DIAGNOSTICS, "global:diagnostics");
    FirmwareProfile profile = new FirmwareProfile(Path.of("unit.yaml"),
        new FirmwareProfile.Build("MIUI-V5-2014.08", "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys"),
        settings, switches, List.of());
    return new PhoneState(profile, Identity.empty());
  }

  public static Ui ui() {
    return new Ui(state(), Apps.standard());
  }

  /** A Ui showing Settings &gt; Privacy. */
  public static Ui onPrivacy() {
    Ui ui = ui();
    ui.launch(SettingsScreen.PACKAGE);
    ui.open(new PrivacyScreen());
    return ui;
  }
}
