package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** devices.yaml {@code second-identity} and {@code identity-switch}. */
public class IdentitySwitchParsingTest {
  private static final String SWITCH = "identity-switch: \"{adb} -s {serial} shell su 0 idtool {imei} {phone-number}\"";
  private Path dir;

  @BeforeMethod
  public void makeDir() throws IOException {
    dir = Files.createTempDirectory("inventory");
    Files.writeString(dir.resolve("leaky.yaml"), "build: {}\n");
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Path phone(String... lines) throws IOException {
    StringBuilder y = new StringBuilder("""
        devices:
          - name: bench
            serial: 4df1e9a2
            appium: http://127.0.0.1:4723
            identity: { imei: "490154203237518", phone-number: "+886911222333" }
        """);
    for (String l : lines) {
      y.append("    ").append(l).append('\n');
    }
    Path f = dir.resolve("devices.yaml");
    Files.writeString(f, y.toString());
    return f;
  }

  @Test
  public void reads_a_second_identity_and_its_switch_command() throws Exception {
    DeviceSpec d = InventoryParser.parse(phone(
        "second-identity: { imei: \"490154208815425\", phone-number: \"+886911000444\", android-id: 5f2c7d1e9a0b3c4d }",
        SWITCH)).devices().get(0);

    assertThat(d.secondIdentity()).containsExactly(java.util.Map.entry("imei", "490154208815425"),
        java.util.Map.entry("phone-number", "+886911000444"), java.util.Map.entry("android-id", "5f2c7d1e9a0b3c4d"));
    assertThat(d.identitySwitch()).contains("{adb} -s {serial} shell su 0 idtool {imei} {phone-number}");
  }

  @Test
  public void a_device_without_them_parses_as_before() throws Exception {
    DeviceSpec d = InventoryParser.parse(phone()).devices().get(0);

    assertThat(d.secondIdentity()).isEmpty();
    assertThat(d.identitySwitch()).isEmpty();
  }

  @Test
  public void an_imei_with_a_wrong_check_digit_is_rejected_with_its_line() throws IOException {
    Path f = phone("second-identity:", "  phone-number: \"+886911000444\"", "  imei: \"490154208815420\"", SWITCH);

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":8: devices[0].second-identity.imei: '490154208815420' is not a valid imei:"
            + " its check digit should be 5");
  }

  @Test
  public void a_malformed_value_is_rejected_with_its_line() throws IOException {
    Path f = phone("second-identity:", "  wifi-mac: \"ac:f7:f3:12:34\"", SWITCH);

    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessage(f + ":7: devices[0].second-identity.wifi-mac: 'ac:f7:f3:12:34' is not a valid wifi-mac"
            + " (six hex octets, e.g. ac:f7:f3:12:34:56)");
  }

  @Test
  public void an_unknown_key_is_rejected_with_the_allowed_ones() throws IOException {
    Path f = phone("second-identity:", "  imei: \"490154208815425\"", "  meid: A0000012345678", SWITCH);

    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageStartingWith(f + ":8: devices[0].second-identity.meid: unknown key (allowed: android-id, carrier,");
  }

  @Test
  public void a_second_identity_equal_to_the_first_is_rejected() throws IOException {
    Path f = phone("second-identity: { imei: \"490154203237518\" }", SWITCH);

    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessage(f + ":6: devices[0].second-identity: is the same as identity:"
            + " a second identity must differ in at least one value");
  }

  @Test
  public void an_unknown_placeholder_in_the_command_is_rejected() throws IOException {
    Path f = phone("second-identity: { imei: \"490154208815425\" }",
        "identity-switch: \"adb -s {serial} shell su 0 idtool {imei} {msisdn}\"");

    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageStartingWith(f + ":7: devices[0].identity-switch: unknown placeholder {msisdn} (known: serial, adb, imei,");
  }

  @Test
  public void a_phone_needs_both_keys_or_neither() throws IOException {
    Path onlySecond = phone("second-identity: { imei: \"490154208815425\" }");
    assertThatThrownBy(() -> InventoryParser.parse(onlySecond))
        .hasMessage(onlySecond + ":6: devices[0].identity-switch: missing: second-identity needs identity-switch,"
            + " the command that writes it onto the phone");

    Path onlySwitch = phone(SWITCH);
    assertThatThrownBy(() -> InventoryParser.parse(onlySwitch))
        .hasMessage(onlySwitch + ":6: devices[0].second-identity: missing: identity-switch needs the second-identity"
            + " it writes (only virtual handsets get one generated)");
  }

  @Test
  public void a_virtual_handset_may_give_neither() throws Exception {
    Path f = dir.resolve("devices.yaml");
    Files.writeString(f, """
        devices:
          - name: v
            identity: { imei: "490154203237518" }
            second-identity: { imei: "490154208815425" }
            virtual: { firmware: leaky.yaml }
        """);

    DeviceSpec d = InventoryParser.parse(f).devices().get(0);

    assertThat(d.secondIdentity()).containsEntry("imei", "490154208815425");
    assertThat(d.identitySwitch()).isEmpty();
  }

  @Test
  public void the_documented_example_parses_and_renders_one_phone_side_word() throws Exception {
    DeviceSpec d = InventoryParser.parse(phone(
        "second-identity: { imei: \"861234567890143\", phone-number: \"+886912000777\" }",
        "identity-switch: \"{adb} -s {serial} shell \\\"su -c 'nvtool imei {imei} msisdn {phone-number}'\\\"\""))
        .devices().get(0);

    assertThat(IdentitySwitch.command(d.identitySwitch().orElseThrow(), d.secondIdentity(), "4df1e9a2",
        Path.of("/usr/bin/adb"))).isEqualTo("'/usr/bin/adb' -s '4df1e9a2' shell \"su -c 'nvtool imei '861234567890143'"
            + " msisdn '+886912000777''\"");
  }
}
