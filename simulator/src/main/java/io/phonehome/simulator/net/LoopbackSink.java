package io.phonehome.simulator.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSocket;

/**
 * Stands in for the internet on 127.0.0.1: everything the firmware sends without a proxy
 * (or around it) arrives here instead of at a real host. It reads one HTTP request (or
 * whatever bytes come, capped, with a timeout), speaking TLS with its own self-signed
 * certificate when the first byte is a TLS handshake, and answers {@code 200 OK}. A
 * bounded log keeps what arrived and for which host. UDP datagrams to the same port on
 * 127.0.0.1 ({@link #udpPort()}) are logged too (host empty), and not answered.
 *
 * <pre>
 * LoopbackSink sink = new LoopbackSink();
 * sink.start();
 * ... sink.received() ...
 * sink.close();
 * </pre>
 */
public final class LoopbackSink implements AutoCloseable {
  /** How many connections {@link #received()} remembers. */
  public static final int LOG_SIZE = 512;
  private static final int READ_TIMEOUT_MS = 3_000;
  private static final int TLS_HANDSHAKE = 0x16;
  private static final byte[] ANSWER =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
          .getBytes(StandardCharsets.US_ASCII);

  private final Deque<SinkRecord> log = new ArrayDeque<>();
  private final java.util.Set<Socket> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile java.net.DatagramSocket udp;
  private ExecutorService workers;

  /** Listens on 127.0.0.1 on a free port; returns at once. Safe to call when started. */
  public synchronized void start() throws IOException {
    if (server != null) {
      return;
    }
    SinkIdentity.prepare();
    ServerSocket ss = new ServerSocket();
    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sink-conn");
      t.setDaemon(true);
      return t;
    });
    server = ss;
    udp = bindUdp(ss.getLocalPort());
    java.net.DatagramSocket d = udp;
    Thread datagrams = new Thread(() -> receiveLoop(d), "sink-udp");
    datagrams.setDaemon(true);
    datagrams.start();
    Thread accept = new Thread(() -> acceptLoop(ss), "sink-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** The port it listens on, 0 before {@link #start()}. */
  public int port() {
    ServerSocket ss = server;
    return ss == null ? 0 : ss.getLocalPort();
  }

  /** The UDP port it listens on (the TCP port when that was free), 0 before {@link #start()}. */
  public int udpPort() {
    java.net.DatagramSocket d = udp;
    return d == null ? 0 : d.getLocalPort();
  }

  private static java.net.DatagramSocket bindUdp(int preferred) throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try {
      return new java.net.DatagramSocket(new InetSocketAddress(lo, preferred));
    } catch (java.net.SocketException e) {
      return new java.net.DatagramSocket(new InetSocketAddress(lo, 0));
    }
  }

  private void receiveLoop(java.net.DatagramSocket d) {
    byte[] buf = new byte[65_535];
    while (!d.isClosed()) {
      try {
        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
        d.receive(p);
        remember(new SinkRecord(Instant.now(), "", false, java.util.Arrays.copyOf(p.getData(), p.getLength())));
      } catch (IOException e) {
        // closed, or one bad datagram: the loop ends with the socket
      }
    }
  }

  /** What arrived so far, oldest first (the last {@value #LOG_SIZE} connections). */
  public List<SinkRecord> received() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  @Override
  public synchronized void close() {
    ServerSocket ss = server;
    server = null;
    java.net.DatagramSocket d = udp;
    udp = null;
    if (d != null) {
      d.close();
    }
    if (ss != null) {
      try {
        ss.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    for (Socket c : connections) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing to end a read that would otherwise wait for its timeout
      }
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers = null;
    }
  }

  private void acceptLoop(ServerSocket ss) {
    ExecutorService pool = workers;
    while (!ss.isClosed()) {
      try {
        Socket s = ss.accept();
        pool.execute(() -> serve(s));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (!ss.isClosed()) {
          System.err.println("[sink] accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket s) {
    connections.add(s);
    try (s) {
      s.setSoTimeout(READ_TIMEOUT_MS);
      InputStream in = s.getInputStream();
      int first = in.read();
      if (first < 0) {
        return;
      }
      if (first == TLS_HANDSHAKE) {
        SSLSocket ssl = (SSLSocket) SinkIdentity.get().serverContext().getSocketFactory()
            .createSocket(s, new ByteArrayInputStream(new byte[] {(byte) first}), true);
        try (ssl) {
          ssl.setUseClientMode(false);
          ssl.startHandshake();
          String sni = sni(ssl);
          exchange(ssl.getInputStream(), ssl.getOutputStream(), -1, sni, true);
        }
      } else {
        exchange(in, s.getOutputStream(), first, null, false);
      }
    } catch (IOException e) {
      // a client that hangs up or fails TLS is nothing the sink must report
    } finally {
      connections.remove(s);
    }
  }

  private void exchange(InputStream in, OutputStream out, int first, String sni, boolean tls) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    if (first >= 0) {
      got.write(first);
    }
    try {
      HttpWire.readHead(in, HttpWire.MAX_HEAD, got);
      String headText = HttpWire.latin1(got.toByteArray());
      if (headText.endsWith("\r\n\r\n") && headText.matches("(?s)[A-Z]+ \\S+ HTTP/1\\.[01]\r\n.*")) {
        if (HttpWire.header(headText, "Content-Length") != null) {
          HttpWire.readBody(in, headText, HttpWire.MAX_BODY, got);
        }
      } else {
        HttpWire.readBody(in, "", HttpWire.MAX_BODY, got);
      }
    } catch (SocketTimeoutException e) {
      // not HTTP, or slow: keep what came
    }
    String host = sni != null ? sni : hostHeader(HttpWire.latin1(got.toByteArray()));
    remember(new SinkRecord(Instant.now(), host, tls, got.toByteArray()));
    out.write(ANSWER);
    out.flush();
  }

  private static String hostHeader(String head) {
    String host = HttpWire.header(head, "Host");
    if (host == null) {
      return "";
    }
    int colon = host.lastIndexOf(':');
    return (colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
  }

  private static String sni(SSLSocket ssl) {
    if (ssl.getSession() instanceof ExtendedSSLSession ext) {
      for (SNIServerName n : ext.getRequestedServerNames()) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
    }
    return null;
  }

  private void remember(SinkRecord r) {
    synchronized (log) {
      log.addLast(r);
      while (log.size() > LOG_SIZE) {
        log.removeFirst();
      }
    }
  }
}
