package io.phonehome.simulator.webdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Settings;
import io.phonehome.simulator.webdriver.source.SafeXml;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Pause;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.w3c.dom.Document;

/** appium java-client's AndroidDriver drives a virtual handset's Settings &gt; Privacy. */
public class AndroidDriverIT {
  private VirtualHandset handset;
  private AndroidDriver driver;

  @BeforeClass
  public void start_handset_and_session() throws Exception {
    handset = Handsets.started();
    UiAutomator2Options options = new UiAutomator2Options();
    options.setPlatformName("Android");
    options.setAutomationName("UiAutomator2");
    options.setUdid("127.0.0.1:" + handset.adbPort());
    options.setNewCommandTimeout(Duration.ofSeconds(120));
    driver = new AndroidDriver(new URL("http://127.0.0.1:" + handset.webDriverPort()), options);
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } catch (RuntimeException e) {
      // already quit by the last test
    } finally {
      if (handset != null) {
        handset.close();
      }
    }
  }

  @Test
  public void session_echoes_udid_and_reports_the_firmware() {
    assertThat(driver.getCapabilities().getCapability("appium:udid")).isEqualTo("127.0.0.1:" + handset.adbPort());
    assertThat(driver.getCapabilities().getCapability("appium:platformVersion")).isEqualTo("4.3");
    assertThat(driver.getContext()).isEqualTo("NATIVE_APP");
  }

  @Test(dependsOnMethods = "session_echoes_udid_and_reports_the_firmware")
  public void turns_every_privacy_switch_off_through_the_ui() throws Exception {
    driver.findElement(AppiumBy.accessibilityId("Settings")).click();
    driver.findElement(By.xpath("//android.widget.TextView[@text='Privacy']")).click();
    assertThat(driver.getCurrentPackage()).isEqualTo("com.android.settings");

    List<WebElement> switches = driver.findElements(By.id("android:id/switch_widget"));
    assertThat(switches).hasSize(3);
    assertThat(switches).allSatisfy(s -> assertThat(s.getAttribute("checked")).isEqualTo("true"));

    switches.get(0).click();
    driver.findElement(By.xpath("//android.widget.Switch[@content-desc='" + Handsets.EXPERIENCE + "']")).click();
    driver.findElement(AppiumBy.androidUIAutomator(
        "new UiScrollable(new UiSelector().scrollable(true)).scrollIntoView("
            + "new UiSelector().className(\"android.widget.Switch\").descriptionStartsWith(\"Send \\\"diag\"))"))
        .click();

    Settings settings = handset.state().settings();
    assertThat(settings.get("secure:cloud_sync")).isEqualTo("0");
    assertThat(settings.get("secure:user_experience")).isEqualTo("0");
    assertThat(settings.get("global:diagnostics")).isEqualTo("0");
    assertThat(driver.findElements(By.id("switch_widget")))
        .extracting(s -> s.getAttribute("checked")).containsOnly("false");
    assertThat(switches.get(0).getAttribute("contentDescription")).isEqualTo(Handsets.CLOUD_SYNC);
  }

  @Test(dependsOnMethods = "turns_every_privacy_switch_off_through_the_ui")
  public void a_tap_on_the_row_label_flips_its_switch_and_adb_changes_show() {
    WebElement label = driver.findElement(AppiumBy.androidUIAutomator(
        "new UiSelector().resourceId(\"android:id/title\").textContains(\"Cloud sync\")"));
    assertThat(label.getText()).isEqualTo(Handsets.CLOUD_SYNC);
    label.click();
    assertThat(handset.state().settings().get("secure:cloud_sync")).isEqualTo("1");

    handset.state().settings().put("secure:cloud_sync", "0");
    WebElement sw = driver.findElement(AppiumBy.androidUIAutomator(
        "new UiSelector().checkable(true).description(\"" + Handsets.CLOUD_SYNC + "\")"));
    assertThat(sw.getAttribute("checked")).isEqualTo("false");
    assertThat(sw.isDisplayed()).isTrue();
    assertThat(sw.getRect().getWidth()).isPositive();

    Rectangle r = sw.getRect();
    PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
    Sequence tap = new Sequence(finger, 0)
        .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(),
            r.getX() + r.getWidth() / 2, r.getY() + r.getHeight() / 2))
        .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
        .addAction(new Pause(finger, Duration.ofMillis(50)))
        .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
    driver.perform(List.of(tap));
    assertThat(handset.state().settings().get("secure:cloud_sync")).isEqualTo("1");
    assertThat(sw.getAttribute("checked")).isEqualTo("true");
  }

  @Test(dependsOnMethods = "a_tap_on_the_row_label_flips_its_switch_and_adb_changes_show")
  public void page_source_is_hardened_xml_holding_the_odd_labels() throws Exception {
    String source = driver.getPageSource();
    Document doc = SafeXml.parse(source);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("hierarchy");
    assertThat(source).contains("Cloud sync &amp; backup").contains("&lt;!DOCTYPE x&gt;");
  }

  @Test(dependsOnMethods = "page_source_is_hardened_xml_holding_the_odd_labels")
  public void back_leaves_privacy_and_its_elements_go_stale() throws Exception {
    WebElement sw = driver.findElement(By.id("android:id/switch_widget"));
    driver.navigate().back();
    assertThatThrownBy(() -> sw.getAttribute("checked")).isInstanceOf(StaleElementReferenceException.class);
    assertThat(driver.findElement(AppiumBy.androidUIAutomator("new UiSelector().text(\"About phone\")")))
        .isNotNull();

    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
    assertThat(shot.getWidth()).isEqualTo(1080);
    assertThat(shot.getHeight()).isEqualTo(2340);
  }

  @Test(dependsOnMethods = "back_leaves_privacy_and_its_elements_go_stale")
  public void mobile_shell_returns_the_shell_output() {
    Object out = driver.executeScript("mobile: shell", Map.of("command", "echo", "args", List.of("hi")));
    assertThat(out).isEqualTo(handset.shell().run("echo hi").output());
  }

  @Test(dependsOnMethods = "mobile_shell_returns_the_shell_output")
  public void a_missing_element_is_no_such_element() {
    assertThatThrownBy(() -> driver.findElement(AppiumBy.accessibilityId("No such thing")))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> driver.findElement(By.id("nothing_here")))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test(dependsOnMethods = "a_missing_element_is_no_such_element")
  public void after_quit_the_session_is_invalid() throws Exception {
    String id = driver.getSessionId().toString();
    driver.quit();
    assertThatThrownBy(() -> driver.getPageSource()).isInstanceOf(NoSuchSessionException.class);

    HttpResponse<String> raw = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + handset.webDriverPort() + "/session/" + id + "/source"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(404);
    assertThat(raw.body()).contains("\"error\":\"invalid session id\"");

    HttpResponse<String> unknown = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + handset.webDriverPort() + "/session/" + id + "/cookie"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"error\":\"unknown command\"").contains("\"stacktrace\":\"\"");
    driver = null;
  }
}
