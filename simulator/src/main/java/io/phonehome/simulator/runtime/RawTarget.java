package io.phonehome.simulator.runtime;

import io.phonehome.simulator.net.packet.Dns;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@code tcp://}, {@code udp://} or {@code dns://} service sends, once its URL is
 * rendered.
 *
 * @param port 0 for dns
 */
record RawTarget(String scheme, String host, int port) {
  private static final Pattern SOCKET = Pattern.compile("(tcp|udp)://([A-Za-z0-9.\\-]+):(\\d{1,5})");

  static boolean isRaw(String url) {
    return url.startsWith("tcp://") || url.startsWith("udp://") || url.startsWith("dns://");
  }

  /** @throws IllegalArgumentException when the rendered URL is not one (a placeholder put odd bytes in a name) */
  static RawTarget parse(String url) {
    if (url.startsWith("dns://")) {
      String name = url.substring("dns://".length()).toLowerCase(Locale.ROOT);
      if (!Dns.validName(name)) {
        throw new IllegalArgumentException("rendered name is not a DNS name: " + name);
      }
      return new RawTarget("dns", name, 0);
    }
    Matcher m = SOCKET.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a tcp:// or udp:// URL: " + url);
    }
    return new RawTarget(m.group(1), m.group(2).toLowerCase(Locale.ROOT), Integer.parseInt(m.group(3)));
  }
}
