package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import io.phonehome.simulator.HostProgram;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.android.AndroidFramework;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.state.Identity;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebElement;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A real Appium 3 server with the UiAutomator2 driver drives a handset started with
 * {@code --driver appium}, as it drives a farm phone: it installs its APKs over adb,
 * instruments the UiAutomator2 server, reaches it through {@code adb forward}, and a
 * java-client AndroidDriver session turns a privacy switch off through it.
 *
 * <p>Needs an npm install of Appium and the driver, named by the system property
 * {@code phonehome.appium.home} or the environment variable {@code PHONEHOME_APPIUM_HOME}
 * (the {@code APPIUM_HOME} the driver was installed into; Appium itself is looked up in its
 * {@code node_modules} or its parent's); without it the test is skipped:
 *
 * <pre>
 * mkdir -p /tmp/appium &amp;&amp; cd /tmp/appium &amp;&amp; npm init -y &amp;&amp; npm install appium@3.8.0
 * APPIUM_HOME=/tmp/appium npx appium driver install uiautomator2@8.7.0
 * PHONEHOME_APPIUM_HOME=/tmp/appium mvn -pl simulator verify -Dit.test=AppiumServerIT
 * </pre>
 */
public class AppiumServerIT {
  static final String FINGERPRINT = "Nimbus/aurora/aurora:9/PQ3A.190801.002/5670241:user/release-keys";
  private static final String SWITCH_SETTING = "nimbus_backup_enabled";
  private static final Duration APPIUM_START = Duration.ofSeconds(90);

  private Path appiumHome;
  private Path appiumMain;
  private VirtualHandset handset;
  private String serial;
  private Process appium;
  private Path appiumLog;
  private int appiumPort;

  @BeforeClass
  public void start_handset_and_appium() throws Exception {
    String given = Optional.ofNullable(System.getProperty("phonehome.appium.home"))
        .orElse(System.getenv("PHONEHOME_APPIUM_HOME"));
    if (given == null || given.isBlank()) {
      throw new SkipException("no Appium install: set PHONEHOME_APPIUM_HOME (or -Dphonehome.appium.home) to the "
          + "APPIUM_HOME of an npm install of appium@3.8.0 with the uiautomator2@8.7.0 driver to run this test");
    }
    appiumHome = Path.of(given).toAbsolutePath();
    appiumMain = List.of(appiumHome.resolve("node_modules/appium/index.js"),
            appiumHome.resolveSibling("node_modules/appium/index.js")).stream()
        .filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new AssertionError("PHONEHOME_APPIUM_HOME=" + appiumHome
            + " has no node_modules/appium/index.js (nor has its parent)"));

    handset = new VirtualHandset(profile(), new Identity(Map.of("imei", "861234567890123"), List.of()), 0, 0,
        VirtualHandset.Driver.APPIUM);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    Adb.connect(serial, Duration.ofSeconds(20));

    appiumPort = freePort();
    appiumLog = Files.createTempFile("appium-it-", ".log");
    ProcessBuilder pb = HostProgram.NODE.command(List.of(appiumMain.toString(), "server",
        "--address", "127.0.0.1", "--port", Integer.toString(appiumPort),
        "--allow-insecure=uiautomator2:adb_shell", "--log-no-colors", "--log-timestamp"));
    pb.environment().put("APPIUM_HOME", appiumHome.toString());
    pb.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(adbServerPort()));
    pb.environment().putIfAbsent("ANDROID_HOME", androidHome());
    appium = pb.redirectErrorStream(true).redirectOutput(appiumLog.toFile()).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + APPIUM_START.toNanos();
    while (true) {
      try {
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + appiumPort + "/status")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() == 200 && status.body().contains("\"ready\":true")) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!appium.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("Appium did not start on port " + appiumPort + ": " + tail(appiumLog));
      }
      Thread.sleep(250);
    }
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws Exception {
    try {
      if (appium != null) {
        appium.destroy();
        if (!appium.waitFor(20, TimeUnit.SECONDS)) {
          appium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (serial != null) {
        Adb.disconnect(serial);
      }
      if (handset != null) {
        handset.close();
      }
      if (appiumLog != null) {
        System.out.println("Appium log: " + appiumLog);
      }
    }
  }

  @Test
  public void a_real_appium_session_turns_a_privacy_switch_off_and_leaves_nothing_running() throws Exception {
    UiAutomator2Options options = new UiAutomator2Options()
        .setPlatformName("Android")
        .setAutomationName("UiAutomator2")
        .setUdid(serial)
        .setNoReset(true)
        .setNewCommandTimeout(Duration.ofMinutes(2));
    options.setCapability("appium:adbPort", adbServerPort());
    options.setCapability("appium:systemPort", freePort());
    long started = System.nanoTime();
    AndroidDriver driver = new AndroidDriver(new URL("http://127.0.0.1:" + appiumPort), options);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    System.out.println("AppiumServerIT: session created in " + tookMs + " ms");
    try {
      // the session reports this handset, as adb reads it: what the harness cross-checks
      var caps = driver.getCapabilities();
      assertThat(caps.getCapability("appium:deviceUDID")).isEqualTo(serial);
      assertThat(caps.getCapability("appium:deviceModel")).isEqualTo(Adb.shell(serial, "getprop ro.product.model").trim());
      assertThat(caps.getCapability("appium:deviceManufacturer"))
          .isEqualTo(Adb.shell(serial, "getprop ro.product.manufacturer").trim());
      assertThat(caps.getCapability("appium:platformVersion")).isEqualTo("9");
      assertThat(caps.getCapability("appium:deviceApiLevel")).isEqualTo(28L);

      driver.executeScript("mobile: activateApp", Map.of("appId", "com.android.settings"));
      assertThat(driver.getCurrentPackage()).isEqualTo("com.android.settings");
      driver.findElement(AppiumBy.androidUIAutomator("new UiScrollable(new UiSelector().scrollable(true))"
          + ".scrollIntoView(new UiSelector().text(\"Privacy\"))")).click();
      WebElement backup = driver.findElement(AppiumBy.id("android:id/switch_widget"));
      assertThat(backup.getAttribute("content-desc")).isEqualTo("Back up to Nimbus Cloud");
      assertThat(backup.getAttribute("checked")).isEqualTo("true");
      backup.click();
      assertThat(backup.getAttribute("checked")).isEqualTo("false");
      assertThat(Adb.shell(serial, "settings get secure " + SWITCH_SETTING).trim()).isEqualTo("0");
      assertThat(driver.executeScript("mobile: shell", Map.of("command", "settings",
          "args", List.of("get", "secure", SWITCH_SETTING)))).asString().isEqualToIgnoringWhitespace("0");
      assertThat(Adb.shell(serial, "ps -A")).contains("io.appium.uiautomator2.server");
    } finally {
      driver.quit();
    }

    AndroidFramework android = handset.framework().orElseThrow();
    Adb.await(Duration.ofSeconds(10), "the UiAutomator2 server's process to end", () ->
        android.processes().byName("io.appium.uiautomator2.server").isEmpty());
    assertThat(android.ports().connect(6790)).as("device port 6790 after the session").isEmpty();
    assertThat(Adb.run("forward", "--list").output()).doesNotContain(serial);
    List<String> left = new ArrayList<>();
    appium.descendants().filter(ProcessHandle::isAlive).forEach(p ->
        p.info().commandLine().filter(c -> c.contains("am instrument") || c.contains("tcp:6790")).ifPresent(left::add));
    assertThat(left).as("adb processes Appium left running").isEmpty();
    assertThat(Adb.shell(serial, "settings get global hidden_api_policy").trim()).isEqualTo("null");
  }

  /** Android 9 (API 28): the clean profile's build, with one privacy switch. */
  static FirmwareProfile profile() {
    return new FirmwareProfile(Path.of("appium-it.yaml"), new FirmwareProfile.Build("NimbusOS-3.2.0", FINGERPRINT),
        Map.of("secure:" + SWITCH_SETTING, "1"), Map.of("Back up to Nimbus Cloud", "secure:" + SWITCH_SETTING),
        List.of());
  }

  private static int adbServerPort() {
    String port = System.getenv("ANDROID_ADB_SERVER_PORT");
    return port == null || port.isBlank() ? 5037 : Integer.parseInt(port.trim());
  }

  /** Where Debian's adb lives as an SDK: {@code /usr/lib/android-sdk} for {@code platform-tools/adb}. */
  private static String androidHome() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path adb = Path.of(dir, "adb");
      if (Files.isExecutable(adb)) {
        Path real = adb.toRealPath();
        Path tools = real.getParent();
        if (tools != null && tools.getFileName().toString().equals("platform-tools") && tools.getParent() != null) {
          return tools.getParent().toString();
        }
      }
    }
    return "/usr/lib/android-sdk";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
