package io.phonehome.simulator.webdriver;

import io.phonehome.simulator.VirtualHandset;
import java.io.IOException;

/** W3C WebDriver endpoints of a UiAutomator2 session (stub: replaced by the real one). */
public final class WebDriverServer implements AutoCloseable {
  private final int requestedPort;

  public WebDriverServer(VirtualHandset handset, int port) {
    this.requestedPort = port;
  }

  public void start() throws IOException {}

  public int port() {
    return requestedPort;
  }

  @Override
  public void close() {}
}
