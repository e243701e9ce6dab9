package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.shell.Shell;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;
import java.util.Map;

/**
 * Appium's {@code mobile:} extension commands sent through execute script, and the older
 * {@code /appium/device/...} endpoints clients fall back to.
 */
final class MobileCommands {
  static final int KEYCODE_HOME = 3;
  static final int KEYCODE_BACK = 4;

  private final VirtualHandset handset;
  private final Ui ui;
  private final Sessions sessions;

  MobileCommands(VirtualHandset handset, Ui ui, Sessions sessions) {
    this.handset = handset;
    this.ui = ui;
    this.sessions = sessions;
  }

  List<Route> routes() {
    String device = "/session/{sessionId}/appium/device";
    return List.of(
        Route.of("POST", "/session/{sessionId}/execute/sync", this::execute),
        Route.of("POST", "/session/{sessionId}/execute", this::execute),
        Route.of("POST", device + "/activate_app", r -> session(r, () -> activateApp(r.body()))),
        Route.of("POST", device + "/terminate_app", r -> session(r, () -> terminateApp(r.body()))),
        Route.of("POST", device + "/press_keycode", r -> session(r, () -> pressKey(r.body()))),
        Route.of("GET", device + "/current_package", r -> session(r, () -> ui.current().packageName())),
        Route.of("GET", device + "/current_activity", r -> session(r, () -> ui.current().activity())));
  }

  private interface Command {
    Object run();
  }

  private Object session(Request r, Command c) {
    sessions.require(r.param("sessionId"));
    return c.run();
  }

  private Object execute(Request r) {
    sessions.require(r.param("sessionId"));
    String script = r.string("script").trim();
    JsonNode args = r.body().path("args");
    JsonNode params = args.isArray() && args.size() > 0 ? args.get(0) : JsonNodeFactory.instance.objectNode();
    if (!params.isObject()) {
      throw W3cError.invalidArgument(script + " takes one object of named arguments");
    }
    return switch (script) {
      case "mobile: shell" -> shell(params);
      case "mobile: activateApp" -> activateApp(params);
      case "mobile: terminateApp" -> terminateApp(params);
      case "mobile: pressKey" -> pressKey(params);
      case "mobile: clickGesture" -> clickGesture(r, params);
      case "mobile: getCurrentPackage" -> ui.current().packageName();
      case "mobile: getCurrentActivity" -> ui.current().activity();
      default -> throw W3cError.unknownCommand("'" + script + "' is not supported here; supported: mobile: shell, "
          + "clickGesture, activateApp, terminateApp, pressKey, getCurrentPackage, getCurrentActivity");
    };
  }

  private Object clickGesture(Request r, JsonNode params) {
    if (params.hasNonNull("elementId")) {
      Session s = sessions.require(r.param("sessionId"));
      Taps.tap(s.resolve(params.get("elementId").asText(), ui.render()), ui);
    } else if (params.path("x").isNumber() && params.path("y").isNumber()) {
      Taps.tapAt(params.get("x").asInt(), params.get("y").asInt(), ui);
    } else {
      throw W3cError.invalidArgument("mobile: clickGesture needs 'elementId' or 'x' and 'y'");
    }
    return null;
  }

  /** Runs {@code command} with {@code args} joined by spaces, as adb shell joins them. */
  private Object shell(JsonNode params) {
    JsonNode command = params.get("command");
    if (command == null || !command.isTextual() || command.asText().isBlank()) {
      throw W3cError.invalidArgument("mobile: shell needs 'command', e.g. {\"command\":\"getprop\",\"args\":[]}");
    }
    StringBuilder line = new StringBuilder(command.asText());
    JsonNode args = params.path("args");
    if (args.isArray()) {
      args.forEach(a -> line.append(' ').append(a.asText()));
    } else if (args.isTextual()) {
      line.append(' ').append(args.asText());
    }
    Shell.Result result = handset.shell().run(line.toString());
    if (params.path("includeStderr").asBoolean(false)) {
      return Map.of("stdout", result.output(), "stderr", "");
    }
    return result.output();
  }

  private Object activateApp(JsonNode params) {
    String appId = appId(params);
    try {
      ui.launch(appId);
    } catch (IllegalArgumentException e) {
      throw W3cError.unknownError(e.getMessage());
    }
    return null;
  }

  private Object terminateApp(JsonNode params) {
    String appId = appId(params);
    if (!ui.current().packageName().equals(appId)) {
      return false;
    }
    ui.home();
    return true;
  }

  private static String appId(JsonNode params) {
    JsonNode appId = params.has("appId") ? params.get("appId") : params.get("bundleId");
    if (appId == null || !appId.isTextual()) {
      throw W3cError.invalidArgument("'appId' (the app's package, e.g. com.android.settings) is missing");
    }
    return appId.asText();
  }

  private Object pressKey(JsonNode params) {
    JsonNode keycode = params.get("keycode");
    if (keycode == null || !keycode.canConvertToInt()) {
      throw W3cError.invalidArgument("'keycode' must be an Android key code (3 HOME, 4 BACK)");
    }
    switch (keycode.asInt()) {
      case KEYCODE_HOME -> ui.home();
      case KEYCODE_BACK -> ui.back();
      default -> {
        // other keys change nothing the handset's screens show
      }
    }
    return null;
  }
}
