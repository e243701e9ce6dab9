package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Identity;
import java.io.IOException;
import java.time.Duration;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** {@code adb reboot}: the handset drops off and comes back on the same port. */
public class AdbRebootIT {
  private VirtualHandset handset;
  private String serial;

  @BeforeClass
  public void connect() throws Exception {
    handset = new VirtualHandset(Profiles.armani(), Identity.empty(), 0, 0);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    Adb.connect(serial, Duration.ofSeconds(20));
  }

  @AfterClass(alwaysRun = true)
  public void disconnect() {
    if (serial != null) {
      Adb.disconnect(serial);
    }
    if (handset != null) {
      handset.close();
    }
  }

  @Test
  public void adb_reconnects_by_itself_after_adb_reboot() throws Exception {
    int port = handset.adbPort();
    String bootId = Adb.shell(serial, "cat /proc/sys/kernel/random/boot_id").trim();
    Adb.run(Duration.ofSeconds(20), "-s", serial, "reboot");
    Adb.await(Duration.ofSeconds(10), serial + " to go offline", () -> !device());

    // adb 29 retries a dropped `adb connect` device on its own, about ten seconds after the
    // drop; `adb connect` meanwhile only answers "already connected".
    Adb.await(Duration.ofSeconds(40), serial + " to come back with sys.boot_completed=1",
        this::bootCompleted);
    assertThat(handset.adbPort()).isEqualTo(port);
    assertThat(bootId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(Adb.shell(serial, "cat /proc/sys/kernel/random/boot_id").trim())
        .as("the boot id of the new boot").isNotEqualTo(bootId).hasSameSizeAs(bootId);
  }

  @Test(dependsOnMethods = "adb_reconnects_by_itself_after_adb_reboot")
  public void disconnect_and_connect_bring_it_back_as_soon_as_it_listens() throws Exception {
    Adb.run(Duration.ofSeconds(20), "-s", serial, "reboot");
    Adb.await(Duration.ofSeconds(10), serial + " to go offline", () -> !device());

    Adb.await(Duration.ofSeconds(20), serial + " to accept adb connect again", () -> {
      try {
        Adb.run(Duration.ofSeconds(10), "disconnect", serial);
        return Adb.run(Duration.ofSeconds(10), "connect", serial).output().startsWith("connected");
      } catch (IOException | InterruptedException | IllegalStateException e) {
        return false;
      }
    });
    Adb.await(Duration.ofSeconds(10), serial + " to boot", this::bootCompleted);
  }

  private boolean bootCompleted() {
    try {
      return device() && Adb.shell(serial, "getprop sys.boot_completed").trim().equals("1");
    } catch (IOException | InterruptedException | IllegalStateException e) {
      return false;
    }
  }

  private boolean device() {
    try {
      return Adb.state(serial).equals("device");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
