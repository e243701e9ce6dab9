package io.phonehome.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends HTTP/1.1 POSTs through a proxy on loopback over a few keep-alive connections,
 * as a phone's apps would, and counts the answers. The connections stay open from one
 * {@link #run} to the next, so that many short runs measure requests, not connection set-up.
 */
final class LoadClient implements AutoCloseable {
  private final int proxyPort;
  private final int upstreamPort;
  private final List<Connection> open = new ArrayList<>();

  /** One keep-alive connection to the proxy, used by one thread at a time. */
  private static final class Connection {
    Socket socket;
    InputStream in;
  }

  /** What one load run did: requests sent, answered with 200, and its wall time. */
  record Outcome(int sent, int ok, double seconds) {
    double rate() {
      return ok / seconds;
    }

    Outcome plus(Outcome other) {
      return new Outcome(sent + other.sent, ok + other.ok, seconds + other.seconds);
    }
  }

  LoadClient(int proxyPort, int upstreamPort) {
    this.proxyPort = proxyPort;
    this.upstreamPort = upstreamPort;
  }

  /** Sends {@code count} requests over {@code connections} connections, numbered from {@code firstId}. */
  Outcome run(int count, int connections, int firstId) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    while (open.size() < connections) {
      open.add(new Connection());
    }
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Connection connection = open.get(c);
      Thread t = new Thread(() -> work(connection, count, firstId, next, sent, ok), "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Outcome(sent.get(), ok.get(), (System.nanoTime() - started) / 1e9);
  }

  private void work(Connection c, int count, int firstId, AtomicInteger next, AtomicInteger sent, AtomicInteger ok) {
    int i;
    while ((i = next.getAndIncrement()) < count) {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          if (c.socket == null) {
            c.socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort);
            c.socket.setTcpNoDelay(true);
            c.in = new BufferedInputStream(c.socket.getInputStream(), 1 << 14);
          }
          if (attempt == 0) {
            sent.incrementAndGet();
          }
          if (exchange(c.socket, c.in, firstId + i)) {
            ok.incrementAndGet();
          }
          break;
        } catch (IOException e) {
          closeQuietly(c.socket);
          c.socket = null;
        }
      }
    }
  }

  /** Closes the connections. */
  @Override
  public void close() {
    for (Connection c : open) {
      closeQuietly(c.socket);
      c.socket = null;
    }
  }

  private boolean exchange(Socket socket, InputStream in, int id) throws IOException {
    byte[] body = ("imei=861234567890123&seq=" + id).getBytes(StandardCharsets.US_ASCII);
    String request = "POST http://127.0.0.1:" + upstreamPort + "/bench/" + id + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + upstreamPort + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String status = line(in);
    long length = 0;
    String header;
    while (!(header = line(in)).isEmpty()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).strip());
      }
    }
    in.skipNBytes(length);
    return status.startsWith("HTTP/1.1 200");
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        out.append((char) c);
      }
    }
    if (c < 0) {
      throw new IOException("connection closed");
    }
    return out.toString();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
