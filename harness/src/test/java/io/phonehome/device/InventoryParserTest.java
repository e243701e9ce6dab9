package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class InventoryParserTest {
  private Path dir;

  @BeforeMethod
  public void makeDir() throws IOException {
    dir = Files.createTempDirectory("inventory");
    Files.createDirectories(dir.resolve("fw"));
    Files.writeString(dir.resolve("fw/leaky.yaml"), "build: {}\n");
    Files.createDirectories(dir.resolve("images"));
    Files.writeString(dir.resolve("images/armani-patched.zip"), "image");
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("devices.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  public void reads_the_design_example() throws Exception {
    Inventory inv = InventoryParser.parse(write("""
        lab:
          proxy-host: 10.0.0.5
          mode: sinkhole
          observe: 5m
          reports: out
        devices:
          - name: redmi-lab-3
            serial: 4df1e9a2
            appium: http://127.0.0.1:4723
            rooted: true
            identity:
              imei: "861234567890127"
              phone-number: "+886912345678"
              contacts: ["+886922000111", "+886933000222"]
            firmware:
              flash: "fastboot -s {serial} update {image}"
              builds:
                patched-2014-09: images/armani-patched.zip
          - name: virtual-leaky
            observe: 8s
            identity: { imei: "861234567890127" }
            virtual:
              firmware: fw/leaky.yaml
        """));
    assertThat(inv.lab().proxyHost()).isEqualTo("10.0.0.5");
    assertThat(inv.lab().mode()).isEqualTo(LabConfig.ProxyMode.SINKHOLE);
    assertThat(inv.lab().observe()).isEqualTo(Duration.ofMinutes(5));
    DeviceSpec redmi = inv.device("redmi-lab-3").orElseThrow();
    assertThat(redmi.serial()).contains("4df1e9a2");
    assertThat(redmi.appium()).contains(URI.create("http://127.0.0.1:4723"));
    assertThat(redmi.rooted()).isTrue();
    assertThat(redmi.identity()).containsEntry("imei", "861234567890127");
    assertThat(redmi.contacts()).containsExactly("+886922000111", "+886933000222");
    assertThat(redmi.firmware().orElseThrow().builds())
        .containsEntry("patched-2014-09", dir.resolve("images/armani-patched.zip").toString());
    DeviceSpec leaky = inv.device("virtual-leaky").orElseThrow();
    assertThat(leaky.isVirtual()).isTrue();
    assertThat(leaky.virtual().orElseThrow().firmware()).isEqualTo(dir.resolve("fw/leaky.yaml"));
    assertThat(leaky.observe()).contains(Duration.ofSeconds(8));
  }

  @Test
  public void lab_defaults_apply_when_lab_is_missing() throws Exception {
    Inventory inv = InventoryParser.parse(write("""
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """));
    assertThat(inv.lab().proxyHost()).isEqualTo("127.0.0.1");
    assertThat(inv.lab().mode()).isEqualTo(LabConfig.ProxyMode.SINKHOLE);
    assertThat(inv.lab().observe()).isEqualTo(Duration.ofMinutes(5));
    assertThat(inv.lab().retries()).isZero();
    assertThat(inv.lab().parallel()).isZero();
    assertThat(inv.lab().devicesAtOnce(3)).as("every device at once").isEqualTo(3);
  }

  @Test
  public void lab_parallel_is_read_and_never_exceeds_the_devices() throws Exception {
    Inventory inv = InventoryParser.parse(write("""
        lab: { parallel: 2 }
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """));

    assertThat(inv.lab().parallel()).isEqualTo(2);
    assertThat(inv.lab().devicesAtOnce(5)).isEqualTo(2);
    assertThat(inv.lab().devicesAtOnce(1)).isEqualTo(1);
  }

  @Test
  public void lab_parallel_that_is_not_a_count_of_devices_names_file_line_and_field() throws IOException {
    for (String bad : List.of("0", "-2", "all", "1.5")) {
      Path f = write("""
          lab:
            parallel: %s
          devices:
            - name: v
              virtual: { firmware: fw/leaky.yaml }
          """.formatted(bad));

      assertThatThrownBy(() -> InventoryParser.parse(f)).as(bad).isInstanceOf(InventoryException.class)
          .hasMessage(f + ":2: lab.parallel: '" + bad + "' is not a number of devices (1 or more: how many"
              + " devices are tested at once; leave it out for every device)");
    }
  }

  @Test
  public void lab_retries_is_read() throws Exception {
    Inventory inv = InventoryParser.parse(write("""
        lab: { retries: 2 }
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """));

    assertThat(inv.lab().retries()).isEqualTo(2);
  }

  @Test
  public void lab_retries_that_is_not_a_small_count_names_file_line_and_field() throws IOException {
    for (String bad : List.of("-1", "two", "11", "1.5")) {
      Path f = write("""
          lab:
            retries: %s
          devices:
            - name: v
              virtual: { firmware: fw/leaky.yaml }
          """.formatted(bad));

      assertThatThrownBy(() -> InventoryParser.parse(f)).as(bad).isInstanceOf(InventoryException.class)
          .hasMessage(f + ":2: lab.retries: '" + bad + "' is not a number of retries (0 to 10;"
              + " a BROKEN test runs again up to this many times)");
    }
  }

  @Test
  public void a_farm_lab_reads_appium_udid_and_the_virtual_driver() throws Exception {
    Files.writeString(dir.resolve("fw/oem.yaml"), "build: { fingerprint: Vela/tern/tern:14/UP1A/1:user/release-keys }\n");
    Inventory inv = InventoryParser.parse(write("""
        lab: { appium: managed, grid: managed }
        devices:
          - name: pixel-lab-7
            serial: 10.0.4.17:5555
            udid: 2A191FDH2004WQ
          - name: virtual-oem
            virtual: { firmware: fw/oem.yaml, driver: appium }
          - name: own-server
            serial: emulator-5554
            appium: http://10.0.4.2:4723
        """));

    assertThat(inv.lab().appium()).hasValueSatisfying(a -> assertThat(a.managed()).isTrue());
    assertThat(inv.lab().grid()).hasValueSatisfying(g -> assertThat(g.managed()).isTrue());
    DeviceSpec pixel = inv.devices().get(0);
    assertThat(pixel.appium()).as("the lab's server, assigned at provisioning").isEmpty();
    assertThat(pixel.appiumUdid()).contains("2A191FDH2004WQ");
    assertThat(inv.devices().get(1).virtual()).hasValueSatisfying(v ->
        assertThat(v.driver()).isEqualTo(DeviceSpec.Driver.APPIUM));
    assertThat(inv.devices().get(2).appiumUdid()).as("udid defaults to the serial").contains("emulator-5554");
  }

  @Test
  public void lab_appium_may_be_the_url_of_the_labs_own_server() throws Exception {
    Inventory inv = InventoryParser.parse(write("""
        lab: { appium: "http://10.0.4.2:4723" }
        devices:
          - name: p
            serial: emulator-5554
        """));

    assertThat(inv.lab().appium()).hasValueSatisfying(a ->
        assertThat(a.url()).contains(java.net.URI.create("http://10.0.4.2:4723")));
  }

  @Test
  public void driver_appium_without_a_lab_appium_server_names_file_line_and_the_fix() throws IOException {
    Path f = write("""
        devices:
          - name: v
            virtual:
              firmware: fw/leaky.yaml
              driver: appium
        """);

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":5: devices[0].virtual.driver: appium needs lab.appium: managed (phonehome starts an"
            + " Appium 3 server) or the URL of the lab's Appium server");
  }

  @Test
  public void driver_appium_on_a_profile_older_than_android_8_names_the_release() throws IOException {
    Files.writeString(dir.resolve("fw/old.yaml"),
        "build: { fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys }\n");
    Path f = write("""
        lab: { appium: managed }
        devices:
          - name: v
            virtual: { firmware: fw/old.yaml, driver: appium }
        """);

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":4: devices[0].virtual.driver: appium needs Android 8.0 (API 26) or newer, as the"
            + " UiAutomator2 driver does; old.yaml is Android 4.3 (API 18, fingerprint"
            + " Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys) (use driver: direct for it)");
  }

  @Test
  public void an_unknown_driver_or_lab_appium_value_names_file_line_and_field() throws IOException {
    Path badDriver = write("""
        lab: { appium: managed }
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml, driver: espresso }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(badDriver)).hasMessage(badDriver
        + ":4: devices[0].virtual.driver: 'espresso' is not a driver (direct: the handset's own endpoint;"
        + " appium: the lab's Appium server over adb)");

    Path badLab = write("""
        lab: { appium: yes-please }
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(badLab)).hasMessage(badLab
        + ":1: lab.appium: 'yes-please' is not an http(s) URL of an Appium server (e.g. http://127.0.0.1:4723),"
        + " nor 'managed'");
  }

  @Test
  public void bad_duration_names_file_line_and_field() throws IOException {
    Path f = write("""
        devices:
          - name: v
            observe: 8x
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .isInstanceOf(InventoryException.class)
        .hasMessage(f + ":3: devices[0].observe: '8x' is not a duration (use 8s, 5m or 1h)");
  }

  @Test
  public void unknown_key_is_rejected_with_the_allowed_ones() throws IOException {
    Path f = write("""
        lab:
          proxy-hots: 127.0.0.1
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageStartingWith(f + ":2: lab.proxy-hots: unknown key (allowed: appium, grid, mode, observe, parallel, proxy-host, reports, retries)");
  }

  @Test
  public void phone_without_serial_is_rejected() throws IOException {
    Path f = write("""
        devices:
          - name: bench
            appium: http://127.0.0.1:4723
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining(":2: devices[0].serial: missing");
  }

  @Test
  public void missing_firmware_profile_is_named() throws IOException {
    Path f = write("""
        devices:
          - name: v
            virtual:
              firmware: fw/nope.yaml
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining(":4: devices[0].virtual.firmware: no firmware profile at");
  }

  @Test
  public void duplicate_names_are_rejected() throws IOException {
    Path f = write("""
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining("devices[1].name: 'v' is used twice");
  }

  @Test
  public void broken_yaml_reports_its_line() throws IOException {
    Path f = write("devices:\n  - name: [unclosed\n");
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageMatching(".*devices.yaml:\\d+: not valid YAML.*");
  }

  @Test
  public void bad_mode_is_rejected() throws IOException {
    Path f = write("""
        lab: { mode: tunnel }
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining("lab.mode: 'tunnel' is not a mode (sinkhole or passthrough)");
  }

  @Test
  public void consent_policy_is_resolved_against_the_devices_file() throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/leaky.yaml"), "always-allowed: []\n");
    Inventory inv = InventoryParser.parse(write("""
        devices:
          - name: v
            consent-policy: policies/leaky.yaml
            virtual: { firmware: fw/leaky.yaml }
          - name: w
            virtual: { firmware: fw/leaky.yaml }
        """));

    assertThat(inv.device("v").orElseThrow().consentPolicy()).contains(dir.resolve("policies/leaky.yaml"));
    assertThat(inv.device("w").orElseThrow().consentPolicy()).isEmpty();
  }

  @Test
  public void missing_consent_policy_is_named_with_its_line() throws IOException {
    Path f = write("""
        devices:
          - name: v
            virtual: { firmware: fw/leaky.yaml }
            consent-policy: policies/nope.yaml
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining(":4: devices[0].consent-policy: no consent policy file at "
            + dir.resolve("policies/nope.yaml"));
  }

  @Test
  public void bad_consent_policy_is_named_with_both_files_and_lines() throws IOException {
    Files.writeString(dir.resolve("bad-policy.yaml"), "switches:\n  cloud_sync: []\n");
    Path f = write("""
        devices:
          - name: v
            consent-policy: bad-policy.yaml
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessage(f + ":3: devices[0].consent-policy: " + dir.resolve("bad-policy.yaml")
            + ":2: 'cloud_sync' is not a switch key (namespace:key with namespace global, secure"
            + " or system, e.g. secure:cloud_messaging)");
  }

  @Test
  public void missing_build_image_is_named_with_its_line() throws IOException {
    Path f = write("""
        devices:
          - name: v
            firmware:
              builds:
                next: images/none.zip
            virtual: { firmware: fw/leaky.yaml }
        """);
    assertThatThrownBy(() -> InventoryParser.parse(f))
        .hasMessageContaining(":5: devices[0].firmware.builds.next: no firmware image at");
  }

  private Path phoneWithIdentity(String... identityLines) throws IOException {
    StringBuilder y = new StringBuilder("""
        devices:
          - name: bench
            serial: 4df1e9a2
            appium: http://127.0.0.1:4723
            identity:
        """);
    for (String l : identityLines) {
      y.append("      ").append(l).append('\n');
    }
    return write(y.toString());
  }

  @Test
  public void a_valid_identity_loads_with_every_value() throws Exception {
    DeviceSpec d = InventoryParser.parse(phoneWithIdentity("imei: \"490154203237518\"",
        "phone-number: \"+886911222333\"", "wifi-mac: \"AC-F7-F3-12-34-56\"", "android-id: 9774d56d682e549c",
        "carrier: \"Chunghwa Telecom\"", "serial: R58M12ABCDE", "contacts: [\"+886922000111\"]"))
        .devices().get(0);

    assertThat(d.identity()).containsEntry("imei", "490154203237518").containsEntry("phone-number", "+886911222333")
        .containsEntry("wifi-mac", "AC-F7-F3-12-34-56").containsEntry("android-id", "9774d56d682e549c")
        .containsEntry("carrier", "Chunghwa Telecom").containsEntry("serial", "R58M12ABCDE");
    assertThat(d.contacts()).containsExactly("+886922000111");
  }

  @Test
  public void an_identity_imei_with_a_letter_is_rejected_with_its_line() throws IOException {
    Path f = phoneWithIdentity("phone-number: \"+886911222333\"", "imei: \"49015420323751O\"");

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":7: devices[0].identity.imei: '49015420323751O' is not a valid imei"
            + " (15 digits, the last a Luhn check digit)");
  }

  @Test
  public void an_identity_imei_with_a_wrong_check_digit_is_kept_with_a_warning_naming_the_right_one()
      throws Exception {
    Path f = phoneWithIdentity("imei: \"490154203237510\"");

    Inventory inv = InventoryParser.parse(f);

    assertThat(inv.devices().get(0).identity()).containsEntry("imei", "490154203237510");
    assertThat(inv.warnings()).containsExactly(f + ":6: devices[0].identity.imei: '490154203237510'"
        + " is not a valid imei: its check digit should be 8 (looked for as written)");
  }

  @Test
  public void a_valid_identity_earns_no_warning() throws Exception {
    Path f = phoneWithIdentity("imei: \"490154203237518\"");

    assertThat(InventoryParser.parse(f).warnings()).isEmpty();
  }

  @Test
  public void an_identity_mac_of_five_octets_is_rejected_with_its_line() throws IOException {
    Path f = write("""
        devices:
          - name: v
            identity: { imei: "490154203237518", wifi-mac: "ac:f7:f3:12:34" }
            virtual: { firmware: fw/leaky.yaml }
        """);

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":3: devices[0].identity.wifi-mac: 'ac:f7:f3:12:34' is not a valid wifi-mac"
            + " (six hex octets, e.g. ac:f7:f3:12:34:56)");
  }

  @Test
  public void an_identity_phone_number_not_in_e164_form_is_rejected_with_its_line() throws IOException {
    Path f = phoneWithIdentity("imei: \"490154203237518\"", "phone-number: \"+886 911 222 333\"");

    assertThatThrownBy(() -> InventoryParser.parse(f)).isInstanceOf(InventoryException.class)
        .hasMessage(f + ":7: devices[0].identity.phone-number: '+886 911 222 333' is not a valid phone-number"
            + " (3 to 15 digits after an optional +, no spaces)");
  }

  @Test
  public void the_shipped_devices_file_loads() throws Exception {
    Path shipped = Path.of(System.getProperty("phonehome.root", "..")).toAbsolutePath().normalize()
        .resolve("devices.yaml");

    Inventory inv = InventoryParser.parse(shipped);

    assertThat(inv.devices()).extracting(DeviceSpec::name).contains("virtual-leaky", "virtual-clean");
  }
}
