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
  public void adb_reboot_brings_the_device_back_with_boot_completed() throws Exception {
    int port = handset.adbPort();
    Adb.run(Duration.ofSeconds(20), "-s", serial, "reboot");
    Adb.await(Duration.ofSeconds(10), serial + " to go offline", () -> !device());

    // adb 29 reconnects a dropped `adb connect` device by itself within about ten seconds;
    // the test does not rely on that timing and connects again while it waits.
    Adb.await(Duration.ofSeconds(45), serial + " to come back with sys.boot_completed=1", () -> {
      try {
        if (!device()) {
          Adb.run(Duration.ofSeconds(10), "connect", serial);
          return false;
        }
        return Adb.shell(serial, "getprop sys.boot_completed").trim().equals("1");
      } catch (IOException | InterruptedException | IllegalStateException e) {
        return false;
      }
    });
    assertThat(handset.adbPort()).isEqualTo(port);
  }

  private boolean device() {
    try {
      return Adb.state(serial).equals("device");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
