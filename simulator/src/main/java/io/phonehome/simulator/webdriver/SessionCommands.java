package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.webdriver.render.ScreenRenderer;
import io.phonehome.simulator.webdriver.source.PageSource;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Session-level commands: status, new and delete session, page source, screenshot, back. */
final class SessionCommands {
  private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NATIVE_APP = "NATIVE_APP";

  private final VirtualHandset handset;
  private final Ui ui;
  private final Sessions sessions;
  private final WebDriverEndpoint.Flavor flavor;

  SessionCommands(VirtualHandset handset, Ui ui, Sessions sessions, WebDriverEndpoint.Flavor flavor) {
    this.handset = handset;
    this.ui = ui;
    this.sessions = sessions;
    this.flavor = flavor;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/status", this::status),
        Route.of("POST", "/session", this::newSession),
        Route.of("GET", "/session/{sessionId}", r -> sessions.require(r.param("sessionId")).capabilities()),
        Route.of("DELETE", "/session/{sessionId}", this::deleteSession),
        Route.of("GET", "/session/{sessionId}/timeouts", r -> sessions.require(r.param("sessionId")).timeouts()),
        Route.of("POST", "/session/{sessionId}/timeouts", this::setTimeouts),
        Route.of("GET", "/session/{sessionId}/source", this::source),
        Route.of("GET", "/session/{sessionId}/screenshot", this::screenshot),
        Route.of("POST", "/session/{sessionId}/back", this::back),
        Route.of("GET", "/session/{sessionId}/window/rect", this::windowRect),
        // page objects decorated by java-client ask which context they are in before every find
        Route.of("GET", "/session/{sessionId}/context", r -> sessionValue(r, NATIVE_APP)),
        Route.of("GET", "/session/{sessionId}/contexts", r -> sessionValue(r, List.of(NATIVE_APP))),
        Route.of("POST", "/session/{sessionId}/context", this::switchContext),
        Route.of("GET", "/session/{sessionId}/orientation", r -> sessionValue(r, "PORTRAIT")),
        Route.of("GET", "/session/{sessionId}/window/current/size", this::windowRect));
  }

  private Object sessionValue(Request r, Object value) {
    sessions.require(r.param("sessionId"));
    return value;
  }

  private Object switchContext(Request r) {
    sessions.require(r.param("sessionId"));
    String name = r.string("name");
    if (!name.equals(NATIVE_APP)) {
      throw new W3cError("no such context", 404, "the handset's apps are native: only " + NATIVE_APP
          + " exists, not '" + name + "'");
    }
    return null;
  }

  private Object status(Request r) {
    // always ready, as UiAutomator2's server reports: a new session replaces a running one
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("ready", true);
    v.put("message", sessions.busy() ? "a session is running; a new one replaces it"
        : "UiAutomator2 Server is ready to accept commands");
    v.put("build", Map.of("name", "phonehome virtual handset", "version", "0.1.0"));
    return v;
  }

  private Object newSession(Request r) {
    Map<String, Object> requested = requestedCapabilities(r.body());
    String platform = String.valueOf(requested.getOrDefault("platformName", ""));
    if (!platform.equalsIgnoreCase("android")) {
      throw W3cError.sessionNotCreated("this handset is an Android phone: set platformName to Android (got '"
          + platform + "')");
    }
    Object automation = requested.getOrDefault("appium:automationName", requested.get("automationName"));
    if (automation == null || !String.valueOf(automation).equalsIgnoreCase("UiAutomator2")) {
      throw W3cError.sessionNotCreated("this handset serves UiAutomator2 sessions: set appium:automationName to "
          + "UiAutomator2 (got '" + automation + "')");
    }
    boolean proxied = flavor == WebDriverEndpoint.Flavor.UIAUTOMATOR2;
    // behind an Appium server the driver ends idle sessions and launches apps itself
    Duration idle = proxied ? Duration.ZERO : DEFAULT_IDLE_TIMEOUT;
    Object timeout = requested.getOrDefault("appium:newCommandTimeout", requested.get("newCommandTimeout"));
    if (timeout != null && !proxied) {
      try {
        idle = Duration.ofMillis((long) (Double.parseDouble(String.valueOf(timeout)) * 1000));
      } catch (NumberFormatException e) {
        throw W3cError.sessionNotCreated("appium:newCommandTimeout must be a number of seconds, got '" + timeout + "'");
      }
    }
    Object appPackage = requested.getOrDefault("appium:appPackage", requested.get("appPackage"));
    if (appPackage != null && !proxied) {
      try {
        ui.launch(String.valueOf(appPackage));
      } catch (IllegalArgumentException e) {
        throw W3cError.sessionNotCreated(e.getMessage());
      }
    }
    Map<String, Object> caps = new LinkedHashMap<>(requested);
    PhoneState state = handset.state();
    String serial = "127.0.0.1:" + handset.adbPort();
    Object udid = requested.getOrDefault("appium:udid", requested.get("udid"));
    if (!proxied && udid != null && !udid.equals(serial) && !udid.equals("localhost:" + handset.adbPort())) {
      // as the UiAutomator2 driver answers for a serial its adb does not list
      throw W3cError.sessionNotCreated("Device " + udid + " was not in the list of connected devices"
          + " (this handset is " + serial + ")");
    }
    caps.putIfAbsent("appium:udid", serial);
    caps.putIfAbsent("appium:deviceName", caps.get("appium:udid"));
    caps.put("appium:platformVersion", state.getprop("ro.build.version.release"));
    caps.put("appium:deviceApiLevel", Integer.parseInt(state.getprop("ro.build.version.sdk")));
    caps.put("appium:deviceManufacturer", state.getprop("ro.product.manufacturer"));
    caps.put("appium:deviceModel", state.getprop("ro.product.model"));
    caps.put("appium:deviceScreenSize", Ui.WIDTH + "x" + Ui.HEIGHT);
    Session session = sessions.create(caps, idle);
    return Map.of("sessionId", session.id(), "capabilities", caps);
  }

  /** W3C {@code alwaysMatch} merged with the first {@code firstMatch}; legacy {@code desiredCapabilities} too. */
  private static Map<String, Object> requestedCapabilities(JsonNode body) {
    Map<String, Object> merged = new LinkedHashMap<>();
    JsonNode caps = body.get("capabilities");
    if (caps != null && caps.isObject()) {
      putAll(merged, caps.get("alwaysMatch"));
      JsonNode first = caps.get("firstMatch");
      if (first != null && first.isArray() && first.size() > 0) {
        putAll(merged, first.get(0));
      }
    } else {
      putAll(merged, body.get("desiredCapabilities"));
    }
    return merged;
  }

  private static void putAll(Map<String, Object> into, JsonNode object) {
    if (object == null || !object.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      into.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
    }
  }

  private Object deleteSession(Request r) {
    sessions.delete(r.param("sessionId"));
    return null;
  }

  private Object setTimeouts(Request r) {
    Session s = sessions.require(r.param("sessionId"));
    for (String kind : List.of("implicit", "pageLoad", "script")) {
      JsonNode v = r.body().get(kind);
      if (v != null) {
        if (!v.canConvertToLong() || v.asLong() < 0) {
          throw W3cError.invalidArgument("timeout '" + kind + "' must be a whole number of milliseconds");
        }
        s.timeouts().put(kind, v.asLong());
      }
    }
    return null;
  }

  private Object source(Request r) {
    sessions.require(r.param("sessionId"));
    return PageSource.of(ui.render().root());
  }

  private Object screenshot(Request r) {
    sessions.require(r.param("sessionId"));
    String clock = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm"));
    return Base64.getEncoder().encodeToString(ScreenRenderer.png(ui.render().root(), clock));
  }

  private Object back(Request r) {
    sessions.require(r.param("sessionId"));
    ui.back();
    return null;
  }

  private Object windowRect(Request r) {
    sessions.require(r.param("sessionId"));
    return Map.of("x", 0, "y", 0, "width", Ui.WIDTH, "height", Ui.HEIGHT);
  }
}
