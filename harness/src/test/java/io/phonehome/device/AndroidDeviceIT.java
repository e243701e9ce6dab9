package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.lifecycle.Program;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Device control over the real adb server and ddmlib, against a virtual handset running
 * as its own process.
 */
public class AndroidDeviceIT {
  private ConnectedHandset lab;
  private Path work;
  private VirtualHandsetProcess handset;
  private AdbServer adb;
  private AndroidDevice phone;

  @BeforeClass
  public void start() throws Exception {
    work = Files.createTempDirectory("device-it");
    lab = ConnectedHandset.start("it-phone", ConnectedHandset.firmwareDir().resolve("clean.yaml"),
        Map.of("imei", "861234567890123"), List.of());
    handset = lab.handset;
    adb = lab.adb;
    phone = lab.phone;
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  public void adb_client_lists_the_handset_as_a_device() {
    Tools.Result r = Tools.run(Duration.ofSeconds(10), Program.ADB.command(adb.adbPath(), "devices"));
    assertThat(r.output()).containsPattern(handset.serial().replace(".", "\\.") + "\\s+device");
  }

  @Test
  public void reads_properties_and_settings() {
    assertThat(phone.getprop("ro.build.fingerprint")).isNotBlank().contains("/");
    phone.putSetting("secure", "phonehome_it", "42");
    assertThat(phone.setting("secure", "phonehome_it")).contains("42");
    assertThat(phone.setting("secure", "never_set_here")).isEmpty();
  }

  @Test
  public void sets_and_clears_the_proxy() {
    phone.setProxy("127.0.0.1", 8899);
    assertThat(phone.setting("global", "http_proxy")).contains("127.0.0.1:8899");
    phone.clearProxy();
    assertThat(phone.setting("global", "http_proxy")).contains(":0");
  }

  @Test
  public void pushes_a_file() throws Exception {
    Path f = work.resolve("hello.txt");
    Files.writeString(f, "hello from the lab\n", StandardCharsets.UTF_8);
    phone.push(f, "/data/local/tmp/hello.txt");
    assertThat(phone.shell("cat /data/local/tmp/hello.txt")).isEqualTo("hello from the lab\n");
  }

  @Test
  public void installs_and_removes_the_lab_ca_as_a_system_ca() throws Exception {
    Path pem = Path.of(getClass().getClassLoader().getResource("device/lab-ca.pem").toURI());
    assertThat(phone.installCa(pem)).isTrue();
    assertThat(phone.shell("ls /system/etc/security/cacerts/")).contains("da58ca73.0");
    phone.removeCa();
    assertThat(phone.shell("ls /system/etc/security/cacerts/")).doesNotContain("da58ca73.0");
  }

  @Test(dependsOnMethods = {"reads_properties_and_settings", "sets_and_clears_the_proxy",
      "pushes_a_file", "installs_and_removes_the_lab_ca_as_a_system_ca", "adb_client_lists_the_handset_as_a_device"})
  public void reboots_and_comes_back_with_settings_kept() {
    phone.putSetting("secure", "kept_across_reboot", "7");
    phone.reboot();
    phone.waitForBoot(Duration.ofSeconds(60));
    assertThat(phone.getprop("sys.boot_completed")).isEqualTo("1");
    assertThat(phone.setting("secure", "kept_across_reboot")).contains("7");
  }
}
