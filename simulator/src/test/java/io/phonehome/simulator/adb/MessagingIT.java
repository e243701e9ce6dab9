package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.appium.java_client.AppiumBy;
import io.appium.java_client.android.AndroidDriver;
import io.appium.java_client.android.options.UiAutomator2Options;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.net.Await;
import io.phonehome.simulator.net.RecordingProxy;
import io.phonehome.simulator.net.TestCertificates;
import io.phonehome.simulator.runtime.Upload;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.VirtualFs;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openqa.selenium.By;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The leaky 2014 build's Messaging and Contacts apps, driven by appium java-client and read
 * back with Debian's adb, behind a recording proxy holding a lab CA the handset trusts.
 */
public class MessagingIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String IMEI = "861234567890123";
  private static final String NUMBER = "+886912345678";
  private static final Path FIRMWARE = Path.of(System.getProperty("basedir", "."), "firmware");

  private Path tmp;
  private RecordingProxy proxy;
  private VirtualHandset handset;
  private String serial;
  private AndroidDriver driver;
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();

  @BeforeClass
  public void start() throws Exception {
    tmp = Files.createTempDirectory("messaging-it");
    TestCertificates labCa = TestCertificates.forHosts(tmp, "api.account.xiaomi.com", "tracking.miui.com",
        "api.micloud.xiaomi.net");
    proxy = new RecordingProxy(labCa.serverContext());
    handset = new VirtualHandset(ProfileParser.parse(FIRMWARE.resolve("leaky-2014-08.yaml")),
        new Identity(Map.of("imei", IMEI, "phone-number", NUMBER, "imsi", "466920123456789",
            "iccid", "89886920041234567890", "wifi-mac", "ac:f7:f3:12:34:56"), List.of("+886922000111")), 0, 0);
    handset.state().settings().put("global", "http_proxy", "127.0.0.1:" + proxy.port());
    handset.state().fs().write(VirtualFs.USER_CA_DIR + "/lab.0", labCa.pem(), 0644);
    handset.runtime().onUpload(uploads::add);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    Adb.connect(serial, Duration.ofSeconds(20));
    UiAutomator2Options options = new UiAutomator2Options();
    options.setPlatformName("Android");
    options.setAutomationName("UiAutomator2");
    options.setUdid(serial);
    driver = new AndroidDriver(new URL("http://127.0.0.1:" + handset.webDriverPort()), options);
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } catch (RuntimeException e) {
      System.err.println("quit failed: " + e.getMessage());
    } finally {
      if (serial != null) {
        Adb.disconnect(serial);
      }
      if (handset != null) {
        handset.close();
      }
      if (proxy != null) {
        proxy.close();
      }
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private String shell(String line) throws Exception {
    return Adb.shell(serial, line).replace("\r\n", "\n");
  }

  private void send(String to, String body) {
    driver.executeScript("mobile: activateApp", Map.of("appId", "com.android.mms"));
    driver.findElement(By.id("com.android.mms:id/action_compose_new")).click();
    driver.findElement(By.id("com.android.mms:id/recipients_editor")).sendKeys(to);
    driver.findElement(By.id("com.android.mms:id/embedded_text_editor")).sendKeys(body);
    driver.findElement(AppiumBy.accessibilityId("Send")).click();
  }

  @Test
  public void adb_reads_the_imei_parcel_and_the_sim_from_the_handset() throws Exception {
    assertThat(shell("service call iphonesubinfo 1")).isEqualTo("""
        Result: Parcel(
          0x00000000: 00000000 0000000f 00360038 00320031 '........8.6.1.2.'
          0x00000010: 00340033 00360035 00380037 00300039 '3.4.5.6.7.8.9.0.'
          0x00000020: 00320031 00000033                   '1.2.3...        ')
        """);
    assertThat(shell("service call iphonesubinfo 5")).contains("0000000d 0038002b").contains("'........+.8.8.6.'");
    assertThat(shell("getprop gsm.sim.operator.alpha")).isEqualTo("Chunghwa Telecom\n");
    assertThat(shell("getprop gsm.sim.state")).isEqualTo("READY\n");
    assertThat(shell("settings get secure android_id")).matches("[0-9a-f]{16}\n");
    assertThat(shell("cat /sys/class/net/wlan0/address")).isEqualTo("ac:f7:f3:12:34:56\n");
    assertThat(shell("content query --uri content://sms/sent")).isEqualTo("No result found.\n");
  }

  @Test(dependsOnMethods = "adb_reads_the_imei_parcel_and_the_sim_from_the_handset")
  public void with_cloud_messaging_off_a_text_goes_through_the_carrier_and_its_numbers_still_leave()
      throws Exception {
    shell("settings put secure cloud_messaging 0");
    send("+886955000111", "pH-carrier 7f3a");

    assertThat(driver.getCurrentPackage()).isEqualTo("com.android.mms");
    assertThat(driver.findElements(By.xpath("//android.widget.TextView[@text='pH-carrier 7f3a']"))).hasSize(1);
    assertThat(shell("content query --uri content://sms/sent"))
        .matches("Row: 0 _id=1, thread_id=1, address=\\+886955000111, person=NULL, date=\\d{13}, read=1,"
            + " status=-1, type=2, body=pH-carrier 7f3a\n");
    List<String> carrier = shell("logcat -d").lines().filter(l -> l.contains("SMSDispatcher")).toList();
    assertThat(carrier).hasSize(2);
    assertThat(carrier.get(0)).endsWith(" D SMSDispatcher: sendText destAddr=+886955000111 scAddr=null msgRef=1");
    assertThat(carrier.get(1)).endsWith(" D GsmSMSDispatcher: SMS send complete msgRef=1 result=RESULT_OK");

    Await.until("the sms report", WAIT, () -> proxy.seen().stream()
        .anyMatch(s -> s.line().startsWith("POST /pass/v2/sms/report") && s.bodyText().contains("to=%2B886955000111")));
    assertThat(proxy.seen()).noneMatch(s -> s.line().contains("/cloudmsg/send"));
  }

  @Test(dependsOnMethods = "with_cloud_messaging_off_a_text_goes_through_the_carrier_and_its_numbers_still_leave")
  public void with_cloud_messaging_on_a_text_goes_over_data_with_its_body() throws Exception {
    shell("settings put secure cloud_messaging 1");
    send("+886955000222", "pH-data 9c1e");

    Await.until("the text over data", WAIT, () -> proxy.seen().stream()
        .anyMatch(s -> s.line().startsWith("POST /pass/v2/safe/user/cloudmsg/send")
            && s.bodyText().contains("body=" + b64("pH-data 9c1e"))
            && s.bodyText().contains("to=" + b64("+886955000222"))
            && s.bodyText().contains("from=" + b64(NUMBER))));
    Await.until("the upload listener to see it", WAIT, () -> uploads.stream()
        .anyMatch(u -> u.service().equals("cloud-messaging-send") && u.ok()));
    assertThat(shell("content query --uri content://sms/sent --projection address:body --where \"type=2\""))
        .isEqualTo("Row: 0 address=+886955000111, body=pH-carrier 7f3a\nRow: 1 address=+886955000222, body=pH-data 9c1e\n");
    assertThat(shell("logcat -d")).contains("destAddr=+886955000111").doesNotContain("destAddr=+886955000222");
  }

  @Test(dependsOnMethods = "adb_reads_the_imei_parcel_and_the_sim_from_the_handset")
  public void an_added_contact_is_stored_and_its_number_goes_to_the_account_server() throws Exception {
    driver.executeScript("mobile: activateApp", Map.of("appId", "com.android.contacts"));
    driver.findElement(AppiumBy.accessibilityId("Add new contact")).click();
    driver.findElement(By.id("com.android.contacts:id/editor_name")).sendKeys("Mei pH-41c2");
    driver.findElement(AppiumBy.accessibilityId("Phone")).sendKeys("+886966000333");
    driver.findElement(By.id("com.android.contacts:id/editor_menu_save_button")).click();

    assertThat(driver.getCurrentPackage()).isEqualTo("com.android.contacts");
    assertThat(driver.findElements(By.xpath("//android.widget.TextView[@text='Mei pH-41c2']"))).hasSize(1);
    assertThat(shell("content query --uri content://com.android.contacts/data/phones --projection display_name:data1"))
        .isEqualTo("Row: 0 display_name=Contact 1, data1=+886922000111\n"
            + "Row: 1 display_name=Mei pH-41c2, data1=+886966000333\n");
    Await.until("the new contact's number at the account server", WAIT, () -> proxy.seen().stream()
        .anyMatch(s -> s.line().startsWith("POST http://api.account.xiaomi.com/pass/v2/contact/report")
            && s.bodyText().contains("n=%2B886966000333")));
  }
}
