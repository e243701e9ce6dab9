package io.phonehome.simulator.net;

import io.phonehome.simulator.firmware.Route;
import io.phonehome.simulator.firmware.TlsTrust;
import io.phonehome.simulator.net.packet.HandsetCapture;
import io.phonehome.simulator.net.packet.PacketLog;
import io.phonehome.simulator.net.packet.TcpFlow;
import io.phonehome.simulator.state.PhoneState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * The handset's HTTP/1.1 client, written on plain sockets so that the wire is what an
 * Android phone puts there. With route {@code proxy} and {@code global http_proxy} set,
 * http goes to the proxy in absolute-form and https through {@code CONNECT host:port},
 * then TLS with SNI under the service's trust policy and a host name check. Otherwise
 * it connects to the {@link LoopbackSink}, never to the URL's host: no DNS lookup, no
 * packet beyond loopback.
 *
 * <p>A request with an upload rate ({@code upload-rate} in the profile) sends its head at
 * once and then its body in chunks paced to that rate, each flushed, on whichever socket
 * the request uses. The read timeout only bounds reads (CONNECT answer, TLS handshake,
 * response), so a slow upload is never cut short by it; {@link #abortAll()} or an
 * interrupt ends one within one chunk period.
 */
public final class HandsetNetwork {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 10_000;
  /** How often a paced upload writes what is due, and so the longest it goes on once aborted. */
  private static final long PACE_MS = 100;
  /** Most {@code nc} keeps of an answer. */
  private static final int NETCAT_MAX = 1 << 20;
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[[0-9a-fA-F:]+\\]");

  private final PhoneState state;
  private final LoopbackSink sink;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final HandsetCapture capture = new HandsetCapture(new PacketLog());

  public HandsetNetwork(PhoneState state, LoopbackSink sink) {
    this.state = state;
    this.sink = sink;
  }

  /** Every connection, datagram and DNS query of this network as packets ({@code tcpdump} reads it). */
  public HandsetCapture capture() {
    return capture;
  }

  /** The proxy an upload on route {@code proxy} would use now. */
  public Optional<ProxySetting> proxy() {
    return ProxySetting.parse(state.settings().get("global", "http_proxy"));
  }

  /**
   * Sends one request and reads the response.
   *
   * @throws UploadFailure with a one-line reason: proxy unreachable, CONNECT refused,
   *     {@code TLS handshake refused: ...}, timeout
   */
  public HttpResponse send(HttpRequest request, Route route, TlsTrust trust) throws UploadFailure {
    Url url = request.url();
    Optional<ProxySetting> proxy = route == Route.PROXY ? proxy() : Optional.empty();
    String via = proxy.map(p -> "proxy " + p).orElse("sink 127.0.0.1:" + sink.port());
    Socket raw = null;
    try {
      InetSocketAddress to = proxy.isPresent()
          ? proxy.get().address()
          : new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkPort());
      TcpFlow flow = proxy.isPresent()
          ? capture.tcp(to.getAddress().getAddress(), to.getPort())
          : capture.tcp(capture.resolve(url.host()), url.port());
      raw = connect(to, via, flow);
      Socket s = raw;
      boolean absoluteForm = false;
      if (url.secure()) {
        if (proxy.isPresent()) {
          tunnel(raw, url);
        }
        s = tls(raw, url, trust, proxy.isPresent());
      } else {
        absoluteForm = proxy.isPresent();
      }
      try {
        write(s.getOutputStream(), request, absoluteForm, raw);
        return read(s.getInputStream(), url, request.method());
      } finally {
        closeQuietly(s);
      }
    } catch (UploadFailure e) {
      throw e;
    } catch (SSLHandshakeException e) {
      throw new UploadFailure("TLS handshake refused: " + rootMessage(e) + " (" + url.host() + " via " + via + ")", e);
    } catch (SSLException e) {
      throw new UploadFailure("TLS failed: " + rootMessage(e) + " (" + url.host() + " via " + via + ")", e);
    } catch (SocketTimeoutException e) {
      throw new UploadFailure("timed out talking to " + via + " for " + url.host(), e);
    } catch (IOException e) {
      throw new UploadFailure("upload to " + url.host() + " via " + via + " failed: " + e.getMessage(), e);
    } finally {
      if (raw != null) {
        untrack(raw);
        closeQuietly(raw);
      }
    }
  }

  /**
   * Closes every socket in use, so uploads in flight end at once (the handset is stopping).
   * Only plain sockets are tracked: closing one also ends the TLS layered on it. A paced
   * upload notices within one chunk period, even between chunks.
   */
  public void abortAll() {
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private int sinkPort() throws UploadFailure {
    int port = sink.port();
    if (port <= 0) {
      throw new UploadFailure("the loopback sink is not running");
    }
    return port;
  }

  /**
   * Sends a raw payload the way a firmware's own socket code does, around any proxy:
   * {@code tcp} connects, writes, half-closes and reads the answer; {@code udp} sends one
   * datagram; {@code dns} only asks the (synthetic) resolver for the name. The packet log
   * shows {@code host:port}; the bytes reach only the loopback sink.
   *
   * @return what came back over tcp, empty otherwise
   */
  public byte[] sendRaw(String scheme, String host, int port, byte[] payload) throws UploadFailure {
    switch (scheme) {
      case "dns" -> {
        capture.dnsQuery(host);
        return new byte[0];
      }
      case "udp" -> {
        byte[] address = capture.resolve(host);
        capture.udp(address, port, payload);
        int udpPort = sink.udpPort();
        if (udpPort <= 0) {
          throw new UploadFailure("the loopback sink is not running");
        }
        try (java.net.DatagramSocket d = new java.net.DatagramSocket(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
          d.send(new java.net.DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), udpPort));
        } catch (IOException e) {
          throw new UploadFailure("udp to " + host + ":" + port + " via sink failed: " + e.getMessage(), e);
        }
        return new byte[0];
      }
      case "tcp" -> {
        TcpFlow flow = capture.tcp(capture.resolve(host), port);
        String via = "sink 127.0.0.1:" + sink.port();
        Socket s = connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sinkPort()), via, flow);
        try {
          s.getOutputStream().write(payload);
          s.getOutputStream().flush();
          s.shutdownOutput();
          return s.getInputStream().readNBytes(64 * 1024);
        } catch (IOException e) {
          throw new UploadFailure("tcp to " + host + ":" + port + " via " + via + " failed: " + e.getMessage(), e);
        } finally {
          untrack(s);
          closeQuietly(s);
        }
      }
      default -> throw new IllegalArgumentException("not a raw scheme: " + scheme);
    }
  }

  /**
   * What {@code nc HOST PORT} does from the phone's shell: connects, sends {@code payload}
   * (its standard input) and returns what comes back until the other end closes or
   * nothing more arrives for {@code timeout}. A loopback address is the lab host as the
   * handset sees it (as in the proxy setting); {@code 0.0.0.0} is the phone itself, where
   * nothing listens; any other address reaches only the loopback sink, as every direct
   * socket of the handset does. The packet log shows the connection either way.
   */
  public byte[] netcat(String host, int port, byte[] payload, Duration timeout) throws UploadFailure {
    if (host.equals("0.0.0.0")) {
      throw new UploadFailure("connect to " + host + ":" + port + ": Connection refused");
    }
    InetSocketAddress to;
    try {
      to = new ProxySetting(host, port).address();
    } catch (UploadFailure beyondLoopback) {
      return sendRaw("tcp", host, port, payload);
    }
    Socket s = connect(to, host + ":" + port, capture.tcp(to.getAddress().getAddress(), port));
    try {
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
      s.getOutputStream().write(payload);
      s.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; got.size() < NETCAT_MAX && (n = s.getInputStream().read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException quiet) {
        // nc waits for the other end; what arrived until it went quiet is the answer
      }
      return got.toByteArray();
    } catch (IOException e) {
      throw new UploadFailure(host + ":" + port + ": " + e.getMessage(), e);
    } finally {
      untrack(s);
      closeQuietly(s);
    }
  }

  private Socket connect(InetSocketAddress to, String via, TcpFlow flow) throws UploadFailure {
    Socket s = new CapturedSocket(flow);
    track(s);
    try {
      s.connect(to, CONNECT_TIMEOUT_MS);
      s.setSoTimeout(READ_TIMEOUT_MS);
      return s;
    } catch (ConnectException e) {
      closeQuietly(s);
      untrack(s);
      throw new UploadFailure("cannot reach " + via + ": " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(s);
      untrack(s);
      throw new UploadFailure("cannot reach " + via + ": " + e, e);
    }
  }

  private static void tunnel(Socket s, Url url) throws IOException {
    String authority = url.host() + ":" + url.port();
    OutputStream out = s.getOutputStream();
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
        + "\r\nProxy-Connection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = HttpWire.latin1(HttpWire.readHead(s.getInputStream(), HttpWire.MAX_HEAD));
    String status = HttpWire.firstLine(head);
    if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
      throw new UploadFailure("proxy refused CONNECT " + authority + ": "
          + (status.isEmpty() ? "connection closed" : status));
    }
  }

  /**
   * Opens TLS over a connected socket. Through a proxy the service's own policy decides,
   * with a host name check; straight to the sink only the sink's certificate counts (it
   * answers for every host with one certificate, so no name check there).
   */
  private Socket tls(Socket raw, Url url, TlsTrust trust, boolean viaProxy) throws IOException {
    SinkIdentity sinkIdentity = SinkIdentity.get();
    SSLSocket ssl;
    try {
      X509TrustManager tm = viaProxy
          ? TrustStore.trustManager(TrustStore.anchors(trust, state.fs(), sinkIdentity.certificate()),
              TrustStore.explain(trust))
          : TrustStore.trustManager(List.of(sinkIdentity.certificate()), "the direct route trusts only the loopback sink");
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new X509TrustManager[] {tm}, null);
      ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, url.host(), url.port(), true);
    } catch (GeneralSecurityException e) {
      throw new UploadFailure("cannot set up TLS: " + e.getMessage(), e);
    }
    SSLParameters params = ssl.getSSLParameters();
    if (!IP_LITERAL.matcher(url.host()).matches()) {
      params.setServerNames(List.of(new SNIHostName(url.host())));
    }
    if (viaProxy) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  /**
   * Writes the request: head and body in one go, or with an upload rate the head at once
   * and the body paced ({@code raw} is the plain socket underneath, closed by {@link #abortAll()}).
   */
  private static void write(OutputStream out, HttpRequest request, boolean absoluteForm, Socket raw)
      throws IOException {
    Url url = request.url();
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ')
        .append(absoluteForm ? url.toString() : url.target()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(url.authority()).append("\r\n");
    for (Map.Entry<String, String> h : request.headers()) {
      head.append(h.getKey()).append(": ").append(h.getValue().replaceAll("[\r\n]", " ")).append("\r\n");
    }
    byte[] body = request.body();
    if (body != null || List.of("POST", "PUT", "PATCH").contains(request.method())) {
      head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    boolean paced = request.uploadRate() > 0 && body != null && body.length > 0;
    if (body != null && !paced) {
      wire.writeBytes(body);
    }
    out.write(wire.toByteArray());
    out.flush();
    if (paced) {
      pace(out, body, request.uploadRate(), raw);
    }
  }

  /**
   * Writes {@code body} at {@code rate} bytes per second, called right after the head is
   * flushed: every {@value #PACE_MS} ms what has fallen due since then (about rate/10
   * bytes; below 10 B/s one byte every few periods), flushed, so the last byte goes out
   * about {@code body.length / rate} seconds after the head. Between chunks it checks that
   * {@code raw} is still open and that the thread is not interrupted, so a stopping
   * handset waits at most one period.
   */
  private static void pace(OutputStream out, byte[] body, long rate, Socket raw) throws IOException {
    long start = System.nanoTime();
    int sent = 0;
    while (sent < body.length) {
      try {
        Thread.sleep(PACE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted after " + sent + " of " + body.length + " body bytes");
      }
      if (raw.isClosed()) {
        throw new SocketException("Socket closed after " + sent + " of " + body.length + " body bytes");
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      long due = rate > Long.MAX_VALUE / Math.max(1, elapsedMs) ? body.length : rate * elapsedMs / 1000;
      int upTo = (int) Math.min(body.length, due);
      if (upTo > sent) {
        out.write(body, sent, upTo - sent);
        out.flush();
        sent = upTo;
      }
    }
  }

  private static HttpResponse read(InputStream in, Url url, String method) throws IOException {
    String head = HttpWire.latin1(HttpWire.readHead(in, HttpWire.MAX_HEAD));
    String status = HttpWire.firstLine(head);
    if (!status.matches("HTTP/1\\.[01] \\d{3}.*")) {
      throw new UploadFailure("no HTTP response from the other end for " + url.host()
          + (status.isEmpty() ? " (connection closed)" : ": " + status));
    }
    int code = Integer.parseInt(status.substring(9, 12));
    byte[] body = method.equals("HEAD") || code == 204 || code == 304
        ? new byte[0] : HttpWire.readBody(in, head, 64 * 1024);
    return new HttpResponse(code, status, body);
  }

  private void track(Socket s) {
    open.add(s);
  }

  private void untrack(Socket s) {
    open.remove(s);
  }

  private static String rootMessage(Throwable t) {
    String best = t.getMessage();
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        best = c.getMessage();
      }
      if (c instanceof java.security.cert.CertificateException) {
        return c.getMessage();
      }
    }
    return best;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing is best effort: the socket is gone either way
    }
  }
}
