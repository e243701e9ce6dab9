package io.phonehome.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.AndroidRelease;
import org.testng.annotations.Test;

public class AppiumServerTest {
  @Test
  public void node_versions_are_judged_as_appium_3_8_engines_field_says() {
    assertThat(AppiumServer.tooOld("v20.19.0")).isEmpty();
    assertThat(AppiumServer.tooOld("v20.20.2")).isEmpty();
    assertThat(AppiumServer.tooOld("v22.12.1")).isEmpty();
    assertThat(AppiumServer.tooOld("v24.0.0")).isEmpty();
    assertThat(AppiumServer.tooOld("v18.19.0")).hasValueSatisfying(why ->
        assertThat(why).contains("needs Node.js 20.19 or newer", "this machine has v18.19.0"));
    assertThat(AppiumServer.tooOld("v20.18.3")).isPresent();
    assertThat(AppiumServer.tooOld("v21.7.0")).isPresent();
    assertThat(AppiumServer.tooOld("v22.11.0")).isPresent();
    assertThat(AppiumServer.tooOld("command not found")).hasValueSatisfying(why ->
        assertThat(why).contains("not a version"));
  }

  @Test
  public void an_android_release_and_its_api_level_come_from_the_fingerprint() {
    assertThat(AndroidRelease.ofFingerprint("Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys"))
        .extracting(AndroidRelease::release, AndroidRelease::api).containsExactly("4.3", 18);
    assertThat(AndroidRelease.ofFingerprint("Vela/tern/tern:14/UP1A.231005.007/240311:user/release-keys").api())
        .isEqualTo(34);
    assertThat(AndroidRelease.ofFingerprint("Nimbus/aurora/aurora:8.1.0/OPM1/1:user/release-keys").api())
        .isEqualTo(27);
    assertThat(AndroidRelease.ofFingerprint("no-release-here").api()).isZero();
  }
}
