package io.phonehome.simulator.webdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.webdriver.ui.ListLayout;
import io.phonehome.simulator.webdriver.ui.Node;
import io.phonehome.simulator.webdriver.ui.Screen;
import io.phonehome.simulator.webdriver.ui.TextField;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** Commands routed without HTTP: sessions, elements and the W3C errors they answer with. */
public class WebDriverServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private VirtualHandset handset;
  private WebDriverServer server;
  private String session;

  @BeforeMethod
  public void create_session() throws Exception {
    handset = new VirtualHandset(Handsets.profile(), Identity.empty(), 0, 0);
    server = new WebDriverServer(handset, 0);
    session = (String) value("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
        Map.of("platformName", "android", "appium:automationName", "UiAutomator2", "appium:udid", "127.0.0.1:" + handset.adbPort()),
        "firstMatch", List.of(Map.of()))), Map.class).get("sessionId");
  }

  @Test
  public void a_session_for_another_phones_serial_is_not_created() {
    assertW3c(() -> server.dispatch("POST", "/session", JSON.valueToTree(Map.of("capabilities", Map.of("alwaysMatch",
        Map.of("platformName", "android", "appium:automationName", "UiAutomator2", "appium:udid", "emulator-5554"))))),
        "session not created", 500);
  }

  @AfterMethod(alwaysRun = true)
  public void close() {
    handset.close();
  }

  private <T> T value(String method, String path, Object body, Class<T> type) throws Exception {
    return JSON.convertValue(server.dispatch(method, path, JSON.valueToTree(body)), type);
  }

  private String find(String using, String value) throws Exception {
    Map<?, ?> ref = value("POST", "/session/" + session + "/element", Map.of("using", using, "value", value), Map.class);
    return (String) ref.get(ElementCommands.ELEMENT_KEY);
  }

  private void click(String element) throws Exception {
    server.dispatch("POST", "/session/" + session + "/element/" + element + "/click", JSON.createObjectNode());
  }

  private String attribute(String element, String name) throws Exception {
    return (String) server.dispatch("GET", "/session/" + session + "/element/" + element + "/attribute/" + name,
        JSON.createObjectNode());
  }

  private static void assertW3c(ThrowingCallable call, String error, int status) {
    assertThatThrownBy(call).isInstanceOfSatisfying(W3cError.class, e -> {
      assertThat(e.error()).isEqualTo(error);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.getMessage()).isNotBlank();
    });
  }

  private void openPrivacy() throws Exception {
    click(find("accessibility id", "Settings"));
    click(find("-android uiautomator", "new UiSelector().text(\"Privacy\")"));
  }

  @Test
  public void new_session_echoes_requested_capabilities() throws Exception {
    Map<?, ?> caps = value("GET", "/session/" + session, Map.of(), Map.class);
    assertThat(caps.get("appium:udid")).isEqualTo("127.0.0.1:" + handset.adbPort());
    assertThat(caps.get("appium:deviceScreenSize")).isEqualTo("1080x2340");
  }

  @Test
  public void session_for_another_platform_is_not_created() {
    assertW3c(() -> value("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
        Map.of("platformName", "iOS", "appium:automationName", "XCUITest"))), Map.class), "session not created", 500);
  }

  @Test
  public void switch_click_flips_the_setting_and_keeps_its_element_id() throws Exception {
    openPrivacy();
    String sw = find("xpath", "//android.widget.Switch[@content-desc='" + Handsets.CLOUD_SYNC + "']");
    assertThat(attribute(sw, "checked")).isEqualTo("true");
    click(sw);
    assertThat(handset.state().settings().get("secure:cloud_sync")).isEqualTo("0");
    assertThat(attribute(sw, "checked")).isEqualTo("false");
    assertThat(find("accessibility id", Handsets.CLOUD_SYNC)).isEqualTo(sw);
    assertThat(attribute(sw, "resourceId")).isEqualTo("android:id/switch_widget");
    assertThat(attribute(sw, "no-such-attribute")).isNull();
  }

  private Object touch(int x0, int y0, int x1, int y1, int holdMillis) throws Exception {
    Map<String, Object> finger = Map.of("type", "pointer", "id", "finger",
        "parameters", Map.of("pointerType", "touch"), "actions", List.of(
            Map.of("type", "pointerMove", "duration", 0, "x", x0, "y", y0, "origin", "viewport"),
            Map.of("type", "pointerDown", "button", 0),
            Map.of("type", "pause", "duration", holdMillis),
            Map.of("type", "pointerMove", "duration", 100, "x", x1, "y", y1, "origin", "viewport"),
            Map.of("type", "pointerUp", "button", 0)));
    return server.dispatch("POST", "/session/" + session + "/actions",
        JSON.valueToTree(Map.of("actions", List.of(finger))));
  }

  @Test
  public void touch_tap_flips_the_switch_under_the_finger_and_a_swipe_or_long_press_does_not() throws Exception {
    openPrivacy();
    Map<?, ?> rect = value("GET", "/session/" + session + "/element/"
        + find("accessibility id", Handsets.EXPERIENCE) + "/rect", Map.of(), Map.class);
    int x = (Integer) rect.get("x") + (Integer) rect.get("width") / 2;
    int y = (Integer) rect.get("y") + (Integer) rect.get("height") / 2;
    touch(x, y, x + 300, y, 0);
    touch(x, y, x, y, 900);
    assertThat(handset.state().settings().get("secure:user_experience")).isEqualTo("1");
    touch(x, y, x + 3, y, 40);
    assertThat(handset.state().settings().get("secure:user_experience")).isEqualTo("0");
  }

  @Test
  public void unknown_route_is_unknown_command() {
    assertW3c(() -> server.dispatch("GET", "/session/" + session + "/cookie", JSON.createObjectNode()),
        "unknown command", 404);
  }

  @Test
  public void wrong_session_is_invalid_session_id() {
    assertW3c(() -> server.dispatch("GET", "/session/nope/source", JSON.createObjectNode()), "invalid session id", 404);
  }

  @Test
  public void deleted_session_is_invalid_session_id() throws Exception {
    server.dispatch("DELETE", "/session/" + session, JSON.createObjectNode());
    assertW3c(() -> server.dispatch("GET", "/session/" + session + "/source", JSON.createObjectNode()),
        "invalid session id", 404);
  }

  @Test
  public void missing_element_is_no_such_element() {
    assertW3c(() -> find("accessibility id", "Nothing"), "no such element", 404);
  }

  @Test
  public void element_of_a_left_screen_is_stale() throws Exception {
    String icon = find("accessibility id", "Settings");
    click(icon);
    assertW3c(() -> attribute(icon, "text"), "stale element reference", 404);
  }

  @Test
  public void find_without_using_is_invalid_argument() {
    assertW3c(() -> server.dispatch("POST", "/session/" + session + "/element",
        JSON.valueToTree(Map.of("value", "x"))), "invalid argument", 400);
  }

  @Test
  public void bad_uiautomator_expression_is_invalid_selector() {
    assertW3c(() -> find("-android uiautomator", "new UiSelector(.text("), "invalid selector", 400);
  }

  @Test
  public void typing_into_a_view_that_takes_no_text_is_invalid_element_state() throws Exception {
    String icon = find("accessibility id", "Settings");
    assertW3c(() -> server.dispatch("POST", "/session/" + session + "/element/" + icon + "/value",
        JSON.valueToTree(Map.of("text", "x"))), "invalid element state", 400);
  }

  @Test
  public void send_keys_appends_and_clear_empties_an_edit_text() throws Exception {
    TextField body = new TextField("Type message", false);
    server.ui().open(new Screen() {
      @Override
      public String packageName() {
        return "com.android.mms";
      }

      @Override
      public String activity() {
        return ".ui.ComposeMessageActivity";
      }

      @Override
      public Node render(Ui ui) {
        return new ListLayout("com.android.mms", "New message").editText("com.android.mms:id/embedded_text_editor",
            body).build();
      }
    });
    String box = find("id", "embedded_text_editor");
    String base = "/session/" + session + "/element/" + box;
    server.dispatch("POST", base + "/value", JSON.valueToTree(Map.of("text", "pH-", "value", List.of("p", "H", "-"))));
    server.dispatch("POST", base + "/value", JSON.valueToTree(Map.of("value", List.of("7f3a9c"))));
    assertThat(server.dispatch("GET", base + "/text", JSON.createObjectNode())).isEqualTo("pH-7f3a9c");
    assertThat(body.value()).isEqualTo("pH-7f3a9c");
    server.dispatch("POST", base + "/clear", JSON.createObjectNode());
    assertThat(body.value()).isEmpty();
  }

  @Test
  public void error_value_has_error_message_and_stacktrace() {
    JsonNode body = JSON.valueToTree(Map.of("value", WebDriverServer.errorValue(W3cError.noSuchElement("gone"))));
    assertThat(body.path("value").path("error").asText()).isEqualTo("no such element");
    assertThat(body.path("value").path("message").asText()).isEqualTo("gone");
    assertThat(body.path("value").has("stacktrace")).isTrue();
  }

  @Test
  public void mobile_commands_open_settings_go_home_and_back() throws Exception {
    server.dispatch("POST", "/session/" + session + "/execute/sync", JSON.valueToTree(
        Map.of("script", "mobile: activateApp", "args", List.of(Map.of("appId", "com.android.settings")))));
    assertThat(server.ui().current().packageName()).isEqualTo("com.android.settings");
    server.dispatch("POST", "/session/" + session + "/execute/sync", JSON.valueToTree(
        Map.of("script", "mobile: pressKey", "args", List.of(Map.of("keycode", 3)))));
    assertThat(server.ui().current().packageName()).isEqualTo("com.android.launcher");
  }

  @Test
  public void mobile_shell_joins_command_and_args() throws Exception {
    Object out = server.dispatch("POST", "/session/" + session + "/execute/sync", JSON.valueToTree(
        Map.of("script", "mobile: shell", "args", List.of(Map.of("command", "getprop", "args", List.of("ro.serialno"))))));
    assertThat(out).isEqualTo(handset.shell().run("getprop ro.serialno").output());
  }
}
