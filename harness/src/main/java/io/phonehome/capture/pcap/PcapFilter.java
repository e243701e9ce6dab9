package io.phonehome.capture.pcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which TCP streams of a capture were the lab proxy's, and so already seen as proxied
 * flows, and how to report TLS that never got past the handshake.
 *
 * @param proxies proxy addresses; {@code localhost} matches any loopback address
 * @param loopbackIsProxy treat every TCP stream to a loopback address as proxied
 * @param markTlsRefused report a TLS stream whose client sent a ClientHello with a server
 *     name and then no application data as {@code TLS_REFUSED}, even to the proxy
 */
public record PcapFilter(List<Endpoint> proxies, boolean loopbackIsProxy,
    boolean markTlsRefused) {

  public PcapFilter {
    proxies = List.copyOf(proxies);
  }

  /** Nothing is the proxy: every stream is reported. */
  public static PcapFilter none() {
    return new PcapFilter(List.of(), false, false);
  }

  /**
   * The proxy at these {@code host:port}s ({@code [::1]:8080} for IPv6).
   *
   * @throws IllegalArgumentException naming the entry that is not {@code host:port}
   */
  public static PcapFilter proxy(String... hostPorts) {
    List<Endpoint> out = new ArrayList<>();
    for (String hostPort : hostPorts) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon > 0 ? hostPort.substring(0, colon) : "";
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("proxy '" + hostPort
            + "' is not host:port (for example 127.0.0.1:8080)");
      }
      out.add(new Endpoint(host, port));
    }
    return new PcapFilter(out, false, false);
  }

  public PcapFilter withLoopbackAsProxy() {
    return new PcapFilter(proxies, true, markTlsRefused);
  }

  public PcapFilter withTlsRefused() {
    return new PcapFilter(proxies, loopbackIsProxy, true);
  }

  /** True when a stream to this server went to the proxy. */
  public boolean isProxy(Endpoint server) {
    Objects.requireNonNull(server, "server");
    if (loopbackIsProxy && server.isLoopback()) {
      return true;
    }
    for (Endpoint p : proxies) {
      boolean host = p.address().equalsIgnoreCase(server.address())
          || (p.address().equalsIgnoreCase("localhost") && server.isLoopback());
      if (host && p.port() == server.port()) {
        return true;
      }
    }
    return false;
  }
}
