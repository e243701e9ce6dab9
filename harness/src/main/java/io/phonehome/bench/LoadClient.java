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
 * as a phone's apps would, and counts the answers.
 */
final class LoadClient {
  private final int proxyPort;
  private final int upstreamPort;

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
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> work(count, firstId, next, sent, ok), "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Outcome(sent.get(), ok.get(), (System.nanoTime() - started) / 1e9);
  }

  private void work(int count, int firstId, AtomicInteger next, AtomicInteger sent, AtomicInteger ok) {
    Socket socket = null;
    InputStream in = null;
    try {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        for (int attempt = 0; attempt < 3; attempt++) {
          try {
            if (socket == null) {
              socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort);
              socket.setTcpNoDelay(true);
              in = new BufferedInputStream(socket.getInputStream(), 1 << 14);
            }
            if (attempt == 0) {
              sent.incrementAndGet();
            }
            if (exchange(socket, in, firstId + i)) {
              ok.incrementAndGet();
            }
            break;
          } catch (IOException e) {
            closeQuietly(socket);
            socket = null;
          }
        }
      }
    } finally {
      closeQuietly(socket);
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
