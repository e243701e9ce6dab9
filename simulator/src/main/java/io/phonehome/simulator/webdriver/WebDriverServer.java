package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.webdriver.ui.Apps;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The W3C WebDriver endpoints of a UiAutomator2 session, served on 127.0.0.1, so that
 * appium java-client's {@code AndroidDriver} drives the handset's screens as it would a
 * phone's Appium server: find elements (id, accessibility id, xpath, {@code -android
 * uiautomator}), click, type, read attributes, page source, screenshot, {@code mobile: shell}.
 *
 * <pre>{@code
 * var options = new UiAutomator2Options().setUdid("127.0.0.1:" + handset.adbPort());
 * var driver = new AndroidDriver(new URL("http://127.0.0.1:" + handset.webDriverPort()), options);
 * }</pre>
 */
public final class WebDriverServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Appium 1 servers lived under this prefix and some lab configurations still point there. */
  private static final String LEGACY_PREFIX = "/wd/hub";

  private final int requestedPort;
  private final Ui ui;
  private final List<Route> routes = new ArrayList<>();
  private final Object commandLock = new Object();
  private HttpServer server;
  private ExecutorService executor;

  public WebDriverServer(VirtualHandset handset, int port) {
    this.requestedPort = port;
    this.ui = new Ui(handset.state(), Apps.standard(), handset.messenger());
    Sessions sessions = new Sessions();
    routes.addAll(new SessionCommands(handset, ui, sessions).routes());
    routes.addAll(new ElementCommands(ui, sessions).routes());
    routes.addAll(new MobileCommands(handset, ui, sessions).routes());
    routes.addAll(new PointerActions(ui, sessions).routes());
  }

  /** Binds 127.0.0.1 on the port given (0: any free port) and starts serving. */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 16);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "webdriver");
      t.setDaemon(true);
      return t;
    });
    s.setExecutor(executor);
    s.createContext("/", this::serve);
    s.start();
    server = s;
  }

  /** The port served on; the requested one until {@link #start()} has bound it. */
  public synchronized int port() {
    return server == null ? requestedPort : server.getAddress().getPort();
  }

  /** The screens this server shows, for tests and for the handset's own use. */
  public Ui ui() {
    return ui;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    int status = 200;
    Object value;
    try {
      value = dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          readBody(exchange.getRequestBody()));
    } catch (W3cError e) {
      status = e.status();
      value = errorValue(e);
    } catch (Exception | LinkageError e) {
      W3cError wrapped = W3cError.unknownError(e.getClass().getSimpleName() + ": " + e.getMessage());
      status = wrapped.status();
      value = errorValue(wrapped);
    }
    byte[] body = encode(value);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Routes one command; package-visible so tests can call it without HTTP. */
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

  private static JsonNode readBody(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
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
    }
  }

  /** The {@code value} of an error response: error code, message and an empty stacktrace. */
  static Map<String, String> errorValue(W3cError e) {
    return Map.of("error", e.error(), "message", String.valueOf(e.getMessage()), "stacktrace", "");
  }

  private static byte[] encode(Object value) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("value", JSON.valueToTree(value));
    return JSON.writeValueAsBytes(root);
  }
}
