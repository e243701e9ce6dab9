package io.phonehome.simulator.telephony;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Phone states and shells for the telephony tests, built in code. */
final class Phones {
  static final String IMEI = "861234567890123";
  static final String NUMBER = "+886912345678";

  private Phones() {}

  static FirmwareProfile profile(FirmwareProfile.Messaging messaging) {
    return new FirmwareProfile(Path.of("telephony-test.yaml"),
        new FirmwareProfile.Build("MIUI-V5-2014.08", "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys"),
        Map.of("secure:cloud_messaging", "0"), Map.of("Cloud messaging", "secure:cloud_messaging"), List.of(),
        messaging);
  }

  static PhoneState withSim() {
    return new PhoneState(profile(null), new Identity(Map.of("imei", IMEI, "phone-number", NUMBER,
        "imsi", "466920123456789", "iccid", "89886920041234567890", "wifi-mac", "AC-F7-F3-12-34-56",
        "serial", "4df1e9a2"), List.of("+886922000111", "+886933000222")));
  }

  static PhoneState withoutSim() {
    return new PhoneState(profile(null), new Identity(Map.of("imei", IMEI), List.of()));
  }

  static AndroidShell shell(PhoneState state) {
    AndroidShell shell = new AndroidShell(state, () -> { });
    TelephonyPrograms.install(shell, state);
    return shell;
  }
}
