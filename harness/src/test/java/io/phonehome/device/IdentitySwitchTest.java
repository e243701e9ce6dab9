package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class IdentitySwitchTest {
  @Test
  public void substitutes_serial_adb_and_identity_keys_quoted_for_the_shell() {
    Map<String, String> id = new LinkedHashMap<>();
    id.put("imei", "490154208815425");
    id.put("carrier", "O'Neil Mobile");

    String cmd = IdentitySwitch.command("{adb} -s {serial} shell su 0 idtool {imei} {carrier}", id,
        "4df1e9a2", Path.of("/usr/bin/adb"));

    assertThat(cmd).isEqualTo("'/usr/bin/adb' -s '4df1e9a2' shell su 0 idtool '490154208815425' 'O'\\''Neil Mobile'");
  }

  @Test
  public void a_placeholder_without_a_value_is_a_device_exception() {
    assertThatThrownBy(() -> IdentitySwitch.command("idtool {imei} {imsi}", Map.of("imei", "490154208815425"),
        "s", Path.of("adb")))
        .isInstanceOf(DeviceException.class)
        .hasMessageStartingWith("identity-switch uses {imsi}, which has no value");
  }

  @Test
  public void the_virtual_default_writes_each_key_with_setidentity_as_root() {
    String template = VirtualHandsetProcess.identitySwitchTemplate(List.of("imei", "phone-number"));

    assertThat(template).isEqualTo("{adb} -s {serial} shell \"su 0 setidentity imei={imei} phone-number={phone-number}\"");
    assertThat(IdentitySwitch.command(template, Map.of("imei", "490154208815425", "phone-number", "+886911000444"),
        "127.0.0.1:5555", Path.of("/usr/bin/adb")))
        .isEqualTo("'/usr/bin/adb' -s '127.0.0.1:5555' shell \"su 0 setidentity imei='490154208815425'"
            + " phone-number='+886911000444'\"");
  }
}
