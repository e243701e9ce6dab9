package io.phonehome.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports for the parts the harness starts (a proxy, an Appium server, a grid
 * node): the system picks one, the probe socket closes, and the part binds it. Another
 * process could take it in between; the part's own start then says the port is busy.
 */
public final class Ports {
  private Ports() {}

  /** A port free on {@code host} just now. */
  public static int free(String host) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    }
  }

  /** A port free on the loopback address just now. */
  public static int freeLoopback() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
