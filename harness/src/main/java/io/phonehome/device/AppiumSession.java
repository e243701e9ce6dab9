package io.phonehome.device;

import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;

/**
 * A UiAutomator2 session on one phone, through its Appium URL (an Appium server, a
 * Selenium Grid 4 hub, or a virtual handset's WebDriver port). Closing it quits the
 * session.
 */
public final class AppiumSession implements AutoCloseable {
  private final AndroidDriver driver;
  private final String deviceName;

  private AppiumSession(AndroidDriver driver, String deviceName) {
    this.driver = driver;
    this.deviceName = deviceName;
  }

  /**
   * Opens a session on this phone and checks that it is this phone: what the session
   * reports of its device (serial, model, maker, Android version) must match what adb
   * reads, else the session is closed and a {@link DeviceException} names both, before
   * anything is tapped. A misrouted Appium URL would otherwise switch another phone.
   */
  public static AppiumSession open(String deviceName, URI appium, AndroidDevice phone) {
    return open(deviceName, appium, phone, phone.serial());
  }

  /**
   * {@link #open(String, URI, AndroidDevice)} for a phone its Appium server knows by
   * {@code udid} ({@code appium:udid}), which may differ from the serial this host's adb
   * reaches it at: what the session reports as its udid is compared with that.
   */
  public static AppiumSession open(String deviceName, URI appium, AndroidDevice phone, String udid) {
    AppiumSession session = open(deviceName, appium, udid);
    try {
      Optional<String> mismatch = mismatch(session.driver.getCapabilities(), udid, phone::getprop);
      if (mismatch.isPresent()) {
        throw new DeviceException(deviceName + ": the Appium session at " + appium + " drives another phone: "
            + mismatch.get());
      }
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static Optional<Integer> freePort() {
    try {
      return Optional.of(io.phonehome.lifecycle.Ports.freeLoopback());
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The first difference between what a session reports of its device and what adb reads
   * of the phone; a value the session does not report is not compared.
   */
  static Optional<String> mismatch(Capabilities caps, String udid, Function<String, String> getprop) {
    Map<String, String> adb = new LinkedHashMap<>();
    adb.put("udid", udid);
    adb.put("deviceUDID", udid);
    adb.put("deviceModel", getprop.apply("ro.product.model"));
    adb.put("deviceManufacturer", getprop.apply("ro.product.manufacturer"));
    adb.put("platformVersion", getprop.apply("ro.build.version.release"));
    for (Map.Entry<String, String> e : adb.entrySet()) {
      Object reported = Optional.ofNullable(caps.getCapability("appium:" + e.getKey()))
          .orElse(caps.getCapability(e.getKey()));
      if (reported != null && !String.valueOf(reported).equals(e.getValue())) {
        return Optional.of("it reports " + e.getKey() + " '" + reported + "', adb " + udid
            + " reads '" + e.getValue() + "'");
      }
    }
    return Optional.empty();
  }

  /**
   * Opens a session on the phone its Appium server knows by {@code udid} (the adb serial,
   * unless devices.yaml gives {@code udid:}), through this lab's adb server
   * ({@code appium:adbPort}), with a free {@code appium:systemPort} of its own so that
   * sessions side by side on one server never share a forward.
   */
  public static AppiumSession open(String deviceName, URI appium, String udid) {
    UiAutomator2Options options = new UiAutomator2Options()
        .setPlatformName("Android")
        .setAutomationName("UiAutomator2")
        .setUdid(udid)
        .setNoReset(true)
        .setNewCommandTimeout(Duration.ofMinutes(5));
    options.setCapability("appium:adbPort", AdbServer.port());
    freePort().ifPresent(port -> options.setCapability("appium:systemPort", port));
    try {
      return new AppiumSession(new AndroidDriver(appium.toURL(), options), deviceName);
    } catch (MalformedURLException e) {
      throw new DeviceException(deviceName + ": bad Appium URL " + appium, e);
    } catch (WebDriverException e) {
      // a Selenium Grid hub's refusal does not say which phone was asked for: say it here
      throw new DeviceException(deviceName + ": no Appium session at " + appium + " for appium:udid " + udid + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  public AndroidDriver driver() {
    return driver;
  }

  /** A PNG of the screen as it is now. */
  public byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  public String deviceName() {
    return deviceName;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // the session is gone with the phone; nothing left to release
    }
  }
}
