package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the UiAutomator2 server on a phone answers besides the W3C commands, as the Appium
 * UiAutomator2 driver asks while it creates, uses and deletes a session: its status and
 * sessions, the device's info, bars, density and window size, its settings, and a delete
 * that shuts the server down.
 */
final class UiAutomator2Commands {
  /** The display density the handset reports, in dots per inch (a 1080x2340 phone's). */
  static final int DENSITY_DPI = 440;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server reports of itself, and what it does when its session is deleted. */
  interface Server {
    /** The installed server APK's version name, e.g. {@code 10.6.6}. */
    String version();

    /** The installed server APK's version code. */
    long versionCode();

    /** Stops the server shortly after the response now being sent (the instrumentation ends). */
    void shutdownSoon();
  }

  private final VirtualHandset handset;
  private final Sessions sessions;
  private final Server server;
  private final Map<String, Object> settings = new LinkedHashMap<>();

  UiAutomator2Commands(VirtualHandset handset, Ui ui, Sessions sessions, Server server) {
    this.handset = handset;
    this.sessions = sessions;
    this.server = server;
    settings.put("actionAcknowledgmentTimeout", 3000);
    settings.put("allowInvisibleElements", false);
    settings.put("enableMultiWindows", false);
    settings.put("enableNotificationListener", true);
    settings.put("ignoreUnimportantViews", false);
    settings.put("keyInjectionDelay", 0);
    settings.put("scrollAcknowledgmentTimeout", 200);
    settings.put("shouldUseCompactResponses", true);
    settings.put("waitForIdleTimeout", 10000);
    settings.put("waitForSelectorTimeout", 10000);
    settings.put("shutdownOnPowerDisconnect", true);
    settings.put("trackScrollEvents", true);
  }

  List<Route> routes() {
    String s = "/session/{sessionId}";
    String device = s + "/appium/device";
    return List.of(
        Route.of("GET", "/status", r -> status()),
        Route.of("GET", "/sessions", r -> activeSessions()),
        Route.of("DELETE", s, r -> {
          sessions.delete(r.param("sessionId"));
          server.shutdownSoon();
          return null;
        }),
        Route.of("GET", device + "/info", r -> session(r, this::deviceInfo)),
        Route.of("GET", device + "/system_bars", r -> session(r, () -> Map.of("statusBar", Ui.STATUS_BAR_HEIGHT))),
        Route.of("GET", device + "/pixel_ratio", r -> session(r, () -> DENSITY_DPI / 160.0)),
        Route.of("GET", device + "/display_density", r -> session(r, () -> DENSITY_DPI)),
        Route.of("GET", s + "/window/{windowHandle}/size", r -> session(r,
            () -> Map.of("width", Ui.WIDTH, "height", Ui.HEIGHT))),
        Route.of("GET", s + "/appium/settings", r -> session(r, () -> Map.copyOf(settings))),
        Route.of("POST", s + "/appium/settings", r -> session(r, () -> {
          r.body().path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(),
              JSON.convertValue(e.getValue(), Object.class)));
          return Map.copyOf(settings);
        })));
  }

  private interface Value {
    Object get();
  }

  private Object session(Request r, Value v) {
    sessions.require(r.param("sessionId"));
    return v.get();
  }

  private Object status() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("ready", true);
    v.put("message", "UiAutomator2 Server is ready to accept commands");
    v.put("build", Map.of("version", server.version(), "versionCode", server.versionCode()));
    return v;
  }

  /** The running session, if any, as {@code GET /sessions} lists it ({@code id} and capabilities). */
  private Object activeSessions() {
    Optional<Session> current = sessions.current();
    return current.map(c -> List.of(Map.of("id", c.id(), "sessionId", c.id(), "capabilities", c.capabilities())))
        .orElse(List.of());
  }

  /** What the server reads from the device's framework; the driver puts model and maker in the session. */
  private Map<String, Object> deviceInfo() {
    PhoneState state = handset.state();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("androidId", String.valueOf(state.settings().get("secure", "android_id")));
    v.put("manufacturer", state.getprop("ro.product.manufacturer"));
    v.put("model", state.getprop("ro.product.model"));
    v.put("brand", state.getprop("ro.product.brand"));
    v.put("apiVersion", state.getprop("ro.build.version.sdk"));
    v.put("platformVersion", state.getprop("ro.build.version.release"));
    v.put("carrierName", state.telephony().simPresent() ? state.telephony().carrier() : "");
    v.put("realDisplaySize", Ui.WIDTH + "x" + Ui.HEIGHT);
    v.put("displayDensity", DENSITY_DPI);
    v.put("networks", List.of());
    v.put("locale", "en_US");
    v.put("timeZone", state.getprop("persist.sys.timezone"));
    v.put("bluetooth", Map.of("state", "OFF"));
    return v;
  }
}
