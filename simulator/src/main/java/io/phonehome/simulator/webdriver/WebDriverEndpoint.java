package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebDriver commands of a UiAutomator2 session over the handset's screens, apart from
 * how they travel: {@link WebDriverServer} serves them on a host port, {@link
 * UiAutomator2Server} on device port 6790 behind {@code adb forward}. The
 * {@link Flavor#UIAUTOMATOR2} flavor answers as the UiAutomator2 server on a phone does to
 * the Appium driver that proxies to it.
 */
final class WebDriverEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Appium 1 servers lived under this prefix and some lab configurations still point there. */
  private static final String LEGACY_PREFIX = "/wd/hub";
  private static final Pattern SESSION_PATH = Pattern.compile("^/session/([^/]+)");

  /** Whom the endpoint answers. */
  enum Flavor {
    /** A client talking to the handset directly, as to an Appium server. */
    DIRECT,
    /** The Appium UiAutomator2 driver, as the UiAutomator2 server on a phone answers it. */
    UIAUTOMATOR2
  }

  /** A response: its HTTP status and JSON body. */
  record Reply(int status, byte[] body) {
    Reply {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  private final Flavor flavor;
  private final List<Route> routes = new ArrayList<>();
  private final Object commandLock = new Object();
  private final Sessions sessions = new Sessions();

  /**
   * @param server what the {@link Flavor#UIAUTOMATOR2} flavor reports of itself and does
   *     when its session is deleted; null for {@link Flavor#DIRECT}
   */
  WebDriverEndpoint(VirtualHandset handset, Ui ui, Flavor flavor, UiAutomator2Commands.Server server) {
    this.flavor = flavor;
    if (flavor == Flavor.UIAUTOMATOR2) {
      routes.addAll(new UiAutomator2Commands(handset, ui, sessions, server).routes());
    }
    routes.addAll(new SessionCommands(handset, ui, sessions, flavor).routes());
    routes.addAll(new ElementCommands(ui, sessions).routes());
    routes.addAll(new MobileCommands(handset, ui, sessions).routes());
    routes.addAll(new PointerActions(ui, sessions).routes());
  }

  /** Answers one request; never throws. */
  Reply respond(String method, String path, byte[] body) {
    int status = 200;
    Object value;
    String sessionId = sessionOf(path);
    try {
      value = dispatch(method, path, readBody(body));
      if (value instanceof Map<?, ?> m && sessionId == null && m.get("sessionId") instanceof String s) {
        sessionId = s;
      }
    } catch (W3cError e) {
      status = e.status();
      value = errorValue(e);
    } catch (Exception | LinkageError e) {
      W3cError wrapped = W3cError.unknownError(e.getClass().getSimpleName() + ": " + e.getMessage());
      status = wrapped.status();
      value = errorValue(wrapped);
    }
    try {
      return new Reply(status, encode(sessionId, value));
    } catch (IOException e) {
      return new Reply(500, ("{\"value\":{\"error\":\"unknown error\",\"message\":\"" + e.getClass().getSimpleName()
          + "\",\"stacktrace\":\"\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Routes one command; what tests call without HTTP. */
  Object dispatch(String method, String path, JsonNode body) throws Exception {
    String p = path.startsWith(LEGACY_PREFIX) ? path.substring(LEGACY_PREFIX.length()) : path;
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    for (Route route : routes) {
      if (!route.method().equals(method)) {
        continue;
      }
      Optional<Map<String, String>> params = route.match(p);
      if (params.isPresent()) {
        synchronized (commandLock) {
          return route.handler().handle(new Request(params.get(), body));
        }
      }
    }
    throw W3cError.unknownCommand("the handset does not serve " + method + " " + path);
  }

  private String sessionOf(String path) {
    if (flavor != Flavor.UIAUTOMATOR2) {
      return null;
    }
    Matcher m = SESSION_PATH.matcher(path);
    return m.find() ? m.group(1) : null;
  }

  private static JsonNode readBody(byte[] bytes) {
    if (bytes.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw W3cError.invalidArgument("the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw W3cError.invalidArgument("the request body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw W3cError.invalidArgument("the request body could not be read: " + e.getMessage());
    }
  }

  /** The {@code value} of an error response: error code, message and an empty stacktrace. */
  static Map<String, String> errorValue(W3cError e) {
    return Map.of("error", e.error(), "message", String.valueOf(e.getMessage()), "stacktrace", "");
  }

  private byte[] encode(String sessionId, Object value) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (flavor == Flavor.UIAUTOMATOR2) {
      root.put("sessionId", sessionId);
    }
    root.set("value", JSON.valueToTree(value));
    return JSON.writeValueAsBytes(root);
  }
}
