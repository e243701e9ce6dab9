package io.phonehome.farm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * The three ports of a hub: HTTP (sessions, {@code /status}) and its event bus, where
 * nodes publish their registration and the hub publishes to them.
 *
 * @param http the hub's WebDriver and status port
 * @param publish the event bus port components publish to (ZeroMQ, {@code [events] publish})
 * @param subscribe the event bus port components subscribe at ({@code [events] subscribe})
 */
public record HubPorts(int http, int publish, int subscribe) {
  /** Three free ports on {@code host}, distinct from each other. */
  public static HubPorts free(String host) throws IOException {
    int[] ports = new int[3];
    ServerSocket[] held = new ServerSocket[3];
    try {
      for (int i = 0; i < ports.length; i++) {
        held[i] = new ServerSocket(0, 1, InetAddress.getByName(host));
        ports[i] = held[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        if (s != null) {
          s.close();
        }
      }
    }
    return new HubPorts(ports[0], ports[1], ports[2]);
  }

  /** The hub's URL on {@code host}: what sessions are created at. */
  public URI url(String host) {
    return URI.create("http://" + host + ":" + http);
  }

  /** The ZeroMQ address of the publish port. */
  public String publishAddress(String host) {
    return "tcp://" + host + ":" + publish;
  }

  /** The ZeroMQ address of the subscribe port. */
  public String subscribeAddress(String host) {
    return "tcp://" + host + ":" + subscribe;
  }
}
