package io.phonehome.scenario;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import java.util.Map;
import org.openqa.selenium.By;

/** The stock Contacts app ({@code com.android.contacts}): add a contact by hand. */
public final class ContactsScreen {
  static final String PACKAGE = "com.android.contacts";
  private static final By ADD = AppiumBy.accessibilityId("Add new contact");
  private static final By NAME = AppiumBy.accessibilityId("Name");
  private static final By PHONE = AppiumBy.accessibilityId("Phone");
  private static final By SAVE = AppiumBy.accessibilityId("Save");

  private final AndroidDriver driver;

  private ContactsScreen(AndroidDriver driver) {
    this.driver = driver;
  }

  public static ContactsScreen open(AndroidDriver driver) {
    driver.executeScript("mobile: activateApp", Map.of("appId", PACKAGE));
    return new ContactsScreen(driver);
  }

  public void add(String name, String number) {
    driver.findElement(ADD).click();
    driver.findElement(NAME).sendKeys(name);
    driver.findElement(PHONE).sendKeys(number);
    driver.findElement(SAVE).click();
  }
}
