package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.state.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * Installing a build the way a lab does with a rooted phone and Debian's adb: push the
 * package, write the recovery command, {@code adb reboot recovery}.
 */
public class RecoveryIT {
  private static final Path FIRMWARE = Path.of(System.getProperty("phonehome.root", ".."))
      .resolve("simulator/firmware").toAbsolutePath().normalize();
  private VirtualHandset handset;
  private String serial;

  @BeforeMethod
  public void connect() throws Exception {
    handset = new VirtualHandset(ProfileParser.parse(FIRMWARE.resolve("leaky-2014-08.yaml")),
        Identity.empty(), 0, 0);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    Adb.connect(serial, Duration.ofSeconds(20));
  }

  @AfterMethod(alwaysRun = true)
  public void disconnect() {
    if (serial != null) {
      Adb.disconnect(serial);
    }
    if (handset != null) {
      handset.close();
    }
  }

  @Test
  public void reboot_recovery_installs_the_pushed_build() throws Exception {
    install(FIRMWARE.resolve("patched-2014-08.yaml"));

    assertThat(Adb.shell(serial, "getprop ro.build.fingerprint").trim())
        .isEqualTo("Xiaomi/armani/armani:4.3/JLS36C/KXDMICG:user/release-keys");
    assertThat(Adb.shell(serial, "getprop ro.build.display.id").trim()).isEqualTo("MIUI-V5-2014.08-P");
    assertThat(Adb.shell(serial, "su -c 'cat /cache/recovery/last_log'")).contains("Install from package complete");
  }

  @Test
  public void a_package_recovery_cannot_install_leaves_the_old_build() throws Exception {
    Path bad = Files.createTempFile("bad-build", ".yaml");
    try {
      Files.writeString(bad, "build: { display-id: X, fingerprint: a/b/c:9/x/y:user/release-keys }\nbogus: 1\n");
      install(bad);
    } finally {
      Files.deleteIfExists(bad);
    }

    assertThat(Adb.shell(serial, "getprop ro.build.display.id").trim()).isEqualTo("MIUI-V5-2014.08");
    assertThat(Adb.shell(serial, "su -c 'cat /cache/recovery/last_log'"))
        .contains("E:signature verification failed", "Installation aborted");
  }

  private void install(Path image) throws Exception {
    Adb.run(Duration.ofSeconds(30), "-s", serial, "push", image.toString(), "/data/local/tmp/update.yaml");
    Adb.shell(serial, "su -c 'mkdir -p /cache/recovery && echo --update_package=/data/local/tmp/update.yaml"
        + " > /cache/recovery/command'");
    Adb.run(Duration.ofSeconds(20), "-s", serial, "reboot", "recovery");
    Adb.await(Duration.ofSeconds(10), serial + " to go offline", () -> !online());
    Adb.await(Duration.ofSeconds(30), serial + " to come back", () -> {
      try {
        Adb.run(Duration.ofSeconds(10), "disconnect", serial);
        Adb.run(Duration.ofSeconds(10), "connect", serial);
        return online() && Adb.shell(serial, "getprop sys.boot_completed").trim().equals("1");
      } catch (IOException | InterruptedException | IllegalStateException e) {
        return false;
      }
    });
  }

  private boolean online() {
    try {
      return Adb.state(serial).equals("device");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
