package io.phonehome.simulator.webdriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.android.ApkManifest;
import io.phonehome.simulator.android.DevicePorts;
import io.phonehome.simulator.android.InstrumentedServer;
import io.phonehome.simulator.android.Packages;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.state.Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The UiAutomator2 server's HTTP over a device-port connection, with the request bodies the
 * Appium UiAutomator2 driver 8.7.0 proxies (its {@code strategy}/{@code selector}/{@code
 * context} finds, its {@code firstMatch} capabilities).
 */
public class UiAutomator2ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VirtualHandset handset;
  private InstrumentedServer.Run run;
  private final AtomicInteger shutdowns = new AtomicInteger();

  @BeforeMethod
  public void start() throws Exception {
    FirmwareProfile android9 = new FirmwareProfile(Path.of("android9.yaml"), new FirmwareProfile.Build("NimbusOS-3.2.0",
        "Nimbus/aurora/aurora:9/PQ3A.190801.002/5670241:user/release-keys"),
        Map.of("secure:backup", "1"), Map.of("Back up", "secure:backup"), List.of());
    handset = new VirtualHandset(android9, Identity.empty(), 0, 0, VirtualHandset.Driver.APPIUM);
    ApkManifest server = new ApkManifest(UiAutomator2Server.TARGET_PACKAGE, 278, "10.6.6", 26, 34, List.of(), List.of(),
        Optional.empty(), List.of(), List.of());
    run = new UiAutomator2Server(handset).start(new Packages.Package(server, "/data/app/x-1/base.apk", 10086, false,
        Set.of(), Instant.now(), Instant.now()), shutdowns::incrementAndGet);
  }

  @AfterMethod(alwaysRun = true)
  public void stop() {
    run.stop();
    handset.close();
  }

  /** Sends the requests on one kept-alive connection and returns the responses' status and JSON. */
  private List<Map.Entry<Integer, JsonNode>> exchange(String... requests) throws IOException {
    byte[] in = String.join("", requests).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run.serve(new DevicePorts.Connection() {
      private final InputStream input = new ByteArrayInputStream(in);

      @Override
      public InputStream input() {
        return input;
      }

      @Override
      public OutputStream output() {
        return out;
      }

      @Override
      public void close() {
        // the host's end
      }
    });
    List<Map.Entry<Integer, JsonNode>> replies = new ArrayList<>();
    InputStream responses = new ByteArrayInputStream(out.toByteArray());
    String head;
    while ((head = UiAutomator2Server.readHead(responses)) != null) {
      assertThat(head).startsWith("HTTP/1.1 ").contains("Content-Type: application/json");
      int status = Integer.parseInt(head.substring(9, 12));
      replies.add(Map.entry(status, JSON.readTree(UiAutomator2Server.readBody(responses, head))));
    }
    return replies;
  }

  private static String post(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8200\r\nContent-Type: application/json; charset=utf-8\r\n"
        + "Connection: keep-alive\r\nContent-Length: " + body.length + "\r\n\r\n" + json;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8200\r\nAccept: application/json, */*\r\nConnection: keep-alive\r\n\r\n";
  }

  private String newSession() throws IOException {
    JsonNode created = exchange(post("/session", "{\"capabilities\":{\"firstMatch\":[{\"platformName\":\"Android\","
        + "\"automationName\":\"UiAutomator2\",\"udid\":\"emulator-5554\",\"deviceName\":\"emulator-5554\"}],"
        + "\"alwaysMatch\":{}}}")).get(0).getValue();
    assertThat(created.path("sessionId").asText()).isEqualTo(created.path("value").path("sessionId").asText());
    return created.path("sessionId").asText();
  }

  @Test
  public void answers_status_and_a_new_session_on_one_kept_alive_connection() throws Exception {
    List<Map.Entry<Integer, JsonNode>> replies = exchange(get("/status"), get("/sessions"));

    assertThat(replies).hasSize(2);
    JsonNode status = replies.get(0).getValue().path("value");
    assertThat(status.path("ready").asBoolean()).isTrue();
    assertThat(status.path("message").asText()).isEqualTo("UiAutomator2 Server is ready to accept commands");
    assertThat(status.path("build").path("version").asText()).isEqualTo("10.6.6");
    assertThat(replies.get(1).getValue().path("value").isEmpty()).isTrue();

    String session = newSession();
    JsonNode listed = exchange(get("/sessions")).get(0).getValue().path("value");
    assertThat(listed.get(0).path("id").asText()).isEqualTo(session);
  }

  @Test
  public void finds_by_strategy_selector_and_context_and_clicks_as_the_driver_proxies_them() throws Exception {
    String s = newSession();
    handset.ui().launch("com.android.settings");
    JsonNode privacy = exchange(post("/session/" + s + "/element", "{\"strategy\":\"-android uiautomator\","
        + "\"selector\":\"new UiSelector().text(\\\"Privacy\\\")\",\"context\":\"\",\"multiple\":false}")).get(0).getValue();
    String id = privacy.path("value").path(ElementCommands.ELEMENT_KEY).asText();
    exchange(post("/session/" + s + "/element/" + id + "/click", "{\"element\":\"" + id + "\"}"));

    List<Map.Entry<Integer, JsonNode>> found = exchange(
        post("/session/" + s + "/element", "{\"strategy\":\"id\",\"selector\":\"android:id/list\",\"context\":\"\"}"));
    String list = found.get(0).getValue().path("value").path(ElementCommands.ELEMENT_KEY).asText();
    JsonNode inList = exchange(post("/session/" + s + "/elements", "{\"strategy\":\"id\",\"selector\":"
        + "\"android:id/switch_widget\",\"context\":\"" + list + "\",\"multiple\":true}")).get(0).getValue();
    assertThat(inList.path("value")).hasSize(1);
    String sw = inList.path("value").get(0).path(ElementCommands.ELEMENT_KEY).asText();
    exchange(post("/session/" + s + "/element/" + sw + "/click", "{}"));
    assertThat(handset.state().settings().get("secure", "backup")).isEqualTo("0");

    Map.Entry<Integer, JsonNode> missing = exchange(post("/session/" + s + "/element",
        "{\"strategy\":\"id\",\"selector\":\"android:id/nope\",\"context\":\"\"}")).get(0);
    assertThat(missing.getKey()).isEqualTo(404);
    assertThat(missing.getValue().path("value").path("error").asText()).isEqualTo("no such element");
  }

  @Test
  public void reports_the_device_as_the_driver_puts_it_into_the_session() throws Exception {
    String s = newSession();
    JsonNode info = exchange(get("/session/" + s + "/appium/device/info")).get(0).getValue().path("value");
    List<Map.Entry<Integer, JsonNode>> rest = exchange(get("/session/" + s + "/appium/device/system_bars"),
        get("/session/" + s + "/appium/device/pixel_ratio"), get("/session/" + s + "/window/current/size"),
        get("/session/" + s + "/appium/settings"));

    assertThat(info.path("model").asText()).isEqualTo(handset.state().getprop("ro.product.model"));
    assertThat(info.path("manufacturer").asText()).isEqualTo(handset.state().getprop("ro.product.manufacturer"));
    assertThat(info.path("apiVersion").asText()).isEqualTo("28");
    assertThat(info.path("platformVersion").asText()).isEqualTo("9");
    assertThat(rest.get(0).getValue().path("value").path("statusBar").asInt()).isPositive();
    assertThat(rest.get(1).getValue().path("value").asDouble()).isEqualTo(2.75);
    assertThat(rest.get(2).getValue().path("value").path("width").asInt()).isEqualTo(1080);
    assertThat(rest.get(3).getValue().path("value").has("waitForIdleTimeout")).isTrue();
  }

  @Test
  public void deleting_the_session_shuts_the_server_down_after_answering() throws Exception {
    String s = newSession();
    String delete = "DELETE /session/" + s + " HTTP/1.1\r\nHost: 127.0.0.1:8200\r\nContent-Length: 0\r\n\r\n";

    assertThat(exchange(delete).get(0).getKey()).isEqualTo(200);
    for (int i = 0; i < 50 && shutdowns.get() == 0; i++) {
      Thread.sleep(20);
    }
    assertThat(shutdowns.get()).isEqualTo(1);
  }

  @Test
  public void reads_chunked_bodies_and_closes_when_asked() throws Exception {
    String json = "{\"capabilities\":{\"alwaysMatch\":{\"platformName\":\"Android\",\"automationName\":\"UiAutomator2\"}}}";
    String chunked = "POST /session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + Integer.toHexString(10) + "\r\n" + json.substring(0, 10) + "\r\n"
        + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n0\r\n\r\n";

    List<Map.Entry<Integer, JsonNode>> replies = exchange(chunked, get("/status"));

    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).getKey()).isEqualTo(200);
  }
}
