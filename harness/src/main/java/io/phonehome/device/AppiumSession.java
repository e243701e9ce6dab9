package io.phonehome.device;

import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
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

  /** Opens a session on the phone with this adb serial. */
  public static AppiumSession open(String deviceName, URI appium, String serial) {
    UiAutomator2Options options = new UiAutomator2Options()
        .setPlatformName("Android")
        .setAutomationName("UiAutomator2")
        .setUdid(serial)
        .setNoReset(true)
        .setNewCommandTimeout(Duration.ofMinutes(5));
    try {
      return new AppiumSession(new AndroidDriver(appium.toURL(), options), deviceName);
    } catch (MalformedURLException e) {
      throw new DeviceException(deviceName + ": bad Appium URL " + appium, e);
    } catch (WebDriverException e) {
      throw new DeviceException(deviceName + ": no Appium session at " + appium + ": "
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
