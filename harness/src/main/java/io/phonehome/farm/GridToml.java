package io.phonehome.farm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The TOML configuration of the managed grid's hub and relay nodes (Selenium Grid 4's
 * {@code --config} file). Everything binds {@link GridOptions#HOST}: the hub's HTTP port,
 * its event bus (the hub binds the bus, nodes connect to it) and each node's HTTP port.
 * No node looks for browser drivers; the hub rejects at once a session request that no
 * node's slot supports instead of queueing it.
 */
public final class GridToml {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GridToml() {}

  /** The hub's configuration. */
  public static String hub(HubPorts ports, GridOptions options) {
    String host = GridOptions.HOST;
    return String.join("\n",
        "# phonehome managed Selenium Grid: the hub. Loopback only, event bus included.",
        "[server]",
        "host = " + string(host),
        "port = " + ports.http(),
        "",
        "[events]",
        "bind = true",
        "publish = " + string(ports.publishAddress(host)),
        "subscribe = " + string(ports.subscribeAddress(host)),
        "",
        "[distributor]",
        "reject-unsupported-caps = true",
        "healthcheck-interval = " + options.healthcheckInterval().toSeconds(),
        "",
        "[sessionqueue]",
        "session-request-timeout = " + options.sessionRequestTimeout().toSeconds(),
        "",
        "[logging]",
        "tracing = false",
        "");
  }

  /** The configuration of a relay node on {@code port} in front of {@code target}. */
  public static String node(int port, HubPorts hub, RelayTarget target, GridOptions options) {
    String host = GridOptions.HOST;
    return String.join("\n",
        "# phonehome managed Selenium Grid: the relay node for appium:udid " + comment(target.udid()),
        "[server]",
        "host = " + string(host),
        "port = " + port,
        "",
        "[events]",
        "publish = " + string(hub.publishAddress(host)),
        "subscribe = " + string(hub.subscribeAddress(host)),
        "",
        "[node]",
        "detect-drivers = false",
        "grid-url = " + string(hub.url(host).toString()),
        "max-sessions = " + target.maxSessions(),
        "override-max-session = true",
        "session-timeout = " + options.nodeSessionTimeout().toSeconds(),
        "",
        "[relay]",
        "url = " + string(target.url()),
        "status-endpoint = " + string(target.statusEndpoint()),
        "configs = [" + string(Integer.toString(target.maxSessions())) + ", " + string(json(target)) + "]",
        "",
        "[logging]",
        "tracing = false",
        "");
  }

  /** The slot's stereotype as the relay reads it: one JSON object. */
  static String json(RelayTarget target) {
    try {
      return JSON.writeValueAsString(target.stereotype());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TOML basic string: quoted, with backslash, quote and control characters escaped. */
  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String comment(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }
}
