package io.phonehome.scenario;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Settings &gt; Privacy, as a page object: the switches it shows, by label, and turning
 * them off. Works from the UI alone; which settings sit behind the switches is the
 * phone's business.
 */
public final class PrivacySettingsScreen {
  static final String SETTINGS_PACKAGE = "com.android.settings";
  private static final By SWITCHES = By.className("android.widget.Switch");

  private final AndroidDriver driver;

  private PrivacySettingsScreen(AndroidDriver driver) {
    this.driver = driver;
  }

  /** Starts Settings and opens its Privacy entry. */
  public static PrivacySettingsScreen open(AndroidDriver driver) {
    driver.executeScript("mobile: activateApp", Map.of("appId", SETTINGS_PACKAGE));
    driver.findElement(AppiumBy.androidUIAutomator(
        "new UiScrollable(new UiSelector().scrollable(true))"
            + ".scrollIntoView(new UiSelector().text(\"Privacy\"))")).click();
    return new PrivacySettingsScreen(driver);
  }

  /** Each switch's label and whether it is on, in screen order. */
  public Map<String, Boolean> switches() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (WebElement s : driver.findElements(SWITCHES)) {
      out.put(label(s), Boolean.parseBoolean(s.getAttribute("checked")));
    }
    return out;
  }

  /** Taps every switch that is on; returns the labels it turned off. */
  public List<String> turnOffAll() {
    return setAll(false);
  }

  /** Taps every switch that is off; returns the labels it turned on. */
  public List<String> turnOnAll() {
    return setAll(true);
  }

  private List<String> setAll(boolean on) {
    List<String> tapped = new java.util.ArrayList<>();
    for (Map.Entry<String, Boolean> s : switches().entrySet()) {
      if (s.getValue() != on) {
        driver.findElement(AppiumBy.accessibilityId(s.getKey())).click();
        tapped.add(s.getKey());
      }
    }
    return tapped;
  }

  private static String label(WebElement s) {
    String desc = s.getAttribute("content-desc");
    return desc == null || desc.isEmpty() ? s.getText() : desc;
  }
}
