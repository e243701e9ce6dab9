package io.phonehome.simulator.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Android's {@code global http_proxy} value, {@code host:port}. Unset, {@code null},
 * empty and {@code :0} all mean no proxy (the last is how {@code settings put} clears it).
 */
public record ProxySetting(String host, int port) {
  private static final Pattern FORM = Pattern.compile("\\s*([^:\\s]*):(\\d{1,5})\\s*");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** The proxy a setting value names, if any; a value that is not {@code host:port} means none, as on Android. */
  public static Optional<ProxySetting> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(value);
    if (!m.matches() || m.group(1).isEmpty()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(new ProxySetting(m.group(1), port));
  }

  /**
   * The socket address to connect to. The handset resolves no names and reaches nothing
   * beyond loopback, so only {@code localhost} and 127.x.y.z literals are accepted.
   */
  public InetSocketAddress address() throws UploadFailure {
    if (host.equalsIgnoreCase("localhost")) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
    Matcher m = IPV4.matcher(host);
    if (!m.matches()) {
      throw new UploadFailure("proxy host '" + host
          + "' is a name; the virtual handset resolves no DNS (set http_proxy to 127.0.0.1:PORT)");
    }
    byte[] ip = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(m.group(i + 1));
      if (octet > 255) {
        throw new UploadFailure("proxy host '" + host + "' is not an IPv4 address");
      }
      ip[i] = (byte) octet;
    }
    if (ip[0] != 127) {
      throw new UploadFailure("proxy " + host + ":" + port
          + " is not on loopback; the virtual handset only talks to 127.0.0.1");
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new UploadFailure("bad proxy address " + host, e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
