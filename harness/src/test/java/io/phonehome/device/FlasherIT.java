package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Installing builds on a virtual handset through its recovery, as on a rooted phone. */
public class FlasherIT {
  private final Path firmware = ConnectedHandset.firmwareDir();
  private ConnectedHandset lab;
  private AdbServer adb;
  private AndroidDevice phone;

  @BeforeClass
  public void start() throws Exception {
    lab = ConnectedHandset.start("flash-it", firmware.resolve("leaky-2014-08.yaml"), Map.of(), List.of());
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
