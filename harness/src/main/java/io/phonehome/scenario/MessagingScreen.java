package io.phonehome.scenario;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * The stock Messaging app ({@code com.android.mms}) as a page object: compose a text to
 * one recipient and send it, the way a user does.
 */
public final class MessagingScreen {
  static final String PACKAGE = "com.android.mms";
  private static final By NEW_MESSAGE = AppiumBy.accessibilityId("New message");
  private static final By RECIPIENT = By.id(PACKAGE + ":id/recipients_editor");
  private static final By BODY = By.id(PACKAGE + ":id/embedded_text_editor");
  private static final By SEND = By.id(PACKAGE + ":id/send_button_sms");

  private final AndroidDriver driver;

  private MessagingScreen(AndroidDriver driver) {
    this.driver = driver;
  }

  public static MessagingScreen open(AndroidDriver driver) {
    driver.executeScript("mobile: activateApp", Map.of("appId", PACKAGE));
    return new MessagingScreen(driver);
  }

  /** Composes a new message and taps Send. */
  public void send(String to, String body) {
    driver.findElement(NEW_MESSAGE).click();
    driver.findElement(RECIPIENT).sendKeys(to);
    driver.findElement(BODY).sendKeys(body);
    driver.findElement(SEND).click();
  }
}
