package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Installing builds on a virtual handset through its recovery, as on a rooted phone. */
public class FlasherIT {
  private final Path firmware = Path.of(System.getProperty("phonehome.root", "..")).toAbsolutePath()
      .normalize().resolve("simulator/firmware");
  private VirtualHandsetProcess handset;
  private AdbServer adb;
  private AndroidDevice phone;

  @BeforeClass
  public void start() throws Exception {
    DeviceSpec spec = new DeviceSpec("flash-it", Optional.empty(), Optional.empty(), true, Map.of(),
        List.of(), Optional.empty(), Optional.empty(),
        Optional.of(new DeviceSpec.Virtual(firmware.resolve("leaky-2014-08.yaml"))), Optional.empty());
    handset = new VirtualHandsetProcess(spec, Files.createTempDirectory("flash-it"));
    handset.start();
    adb = new AdbServer(AdbServer.locate().orElseThrow());
    adb.start();
    adb.connect(handset.serial());
    phone = new AndroidDevice(adb, spec.attached(handset.serial(), handset.webDriverUrl()));
    phone.waitForBoot(Duration.ofSeconds(60));
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    if (adb != null && handset != null) {
      adb.disconnect(handset.serial());
    }
    if (adb != null) {
      adb.stop();
    }
    if (handset != null) {
      handset.stop();
    }
  }

  @Test
  public void installs_a_build_and_reports_what_runs() {
    Flasher.Build build = Flasher.flash(phone, adb, firmware.resolve("patched-2014-08.yaml"), Duration.ofSeconds(60));

    assertThat(build).isEqualTo(new Flasher.Build(
        "Xiaomi/armani/armani:4.3/JLS36C/KXDMICG:user/release-keys", "MIUI-V5-2014.08-P"));
  }

  @Test(dependsOnMethods = "installs_a_build_and_reports_what_runs")
  public void a_build_recovery_refuses_is_broken_with_the_reason() throws Exception {
    Path bad = Files.createTempFile("bad-build", ".yaml");
    Files.writeString(bad, "build: { display-id: X, fingerprint: a/b/c:9/x/y:user/release-keys }\nbogus: 1\n");
    try {
      assertThatThrownBy(() -> Flasher.flash(phone, adb, bad, Duration.ofSeconds(60)))
          .isInstanceOf(DeviceException.class)
          .hasMessageContaining("still runs MIUI-V5-2014.08-P")
          .hasMessageContaining("signature verification failed");
    } finally {
      Files.deleteIfExists(bad);
    }
  }
}
