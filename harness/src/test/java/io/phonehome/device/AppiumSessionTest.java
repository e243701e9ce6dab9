package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.MutableCapabilities;
import org.testng.annotations.Test;

public class AppiumSessionTest {
  private static final Map<String, String> PROPS = Map.of(
      "ro.product.model", "MI 3W", "ro.product.manufacturer", "Xiaomi", "ro.build.version.release", "4.3");
  private static final Function<String, String> ADB = k -> PROPS.getOrDefault(k, "");

  @Test
  public void a_session_reporting_this_phone_matches() {
    MutableCapabilities caps = new MutableCapabilities(Map.of("appium:udid", "10.0.0.5:5555",
        "appium:deviceModel", "MI 3W", "appium:deviceManufacturer", "Xiaomi", "platformVersion", "4.3"));

    assertThat(AppiumSession.mismatch(caps, "10.0.0.5:5555", ADB)).isEmpty();
  }

  @Test
  public void a_session_on_another_phone_is_named_with_both_values() {
    MutableCapabilities caps = new MutableCapabilities(Map.of("appium:udid", "10.0.0.5:5555",
        "deviceModel", "Pixel 3", "appium:deviceManufacturer", "Google"));

    assertThat(AppiumSession.mismatch(caps, "10.0.0.5:5555", ADB))
        .hasValue("it reports deviceModel 'Pixel 3', adb 10.0.0.5:5555 reads 'MI 3W'");
  }

  @Test
  public void another_serial_is_a_mismatch_and_what_is_not_reported_is_not_compared() {
    assertThat(AppiumSession.mismatch(new MutableCapabilities(Map.of("appium:deviceUDID", "emulator-5554")),
        "10.0.0.5:5555", ADB)).hasValueSatisfying(m -> assertThat(m).contains("deviceUDID 'emulator-5554'"));
    assertThat(AppiumSession.mismatch(new MutableCapabilities(), "10.0.0.5:5555", ADB)).isEmpty();
  }
}
