package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
  private final int requestedPort;
  private final Ui ui;
  private final WebDriverEndpoint endpoint;
  private HttpServer server;
  private ExecutorService executor;

  public WebDriverServer(VirtualHandset handset, int port) {
    this.requestedPort = port;
    this.ui = handset.ui();
    this.endpoint = new WebDriverEndpoint(handset, ui, WebDriverEndpoint.Flavor.DIRECT, null);
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
    WebDriverEndpoint.Reply reply = endpoint.respond(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestBody().readAllBytes());
    byte[] body = reply.body();
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Routes one command; package-visible so tests can call it without HTTP. */
  Object dispatch(String method, String path, JsonNode body) throws Exception {
    return endpoint.dispatch(method, path, body);
  }

  /** The {@code value} of an error response: error code, message and an empty stacktrace. */
  static java.util.Map<String, String> errorValue(W3cError e) {
    return WebDriverEndpoint.errorValue(e);
  }
}
