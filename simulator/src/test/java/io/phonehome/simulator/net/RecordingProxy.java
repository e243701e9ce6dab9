package io.phonehome.simulator.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP proxy on 127.0.0.1 for tests. It records each absolute-form request and
 * CONNECT line; with a TLS identity it terminates TLS inside CONNECT (as a MITM proxy does)
 * and records the request inside, or the client's handshake failure. It answers 200 and
 * never connects anywhere.
 */
public final class RecordingProxy implements AutoCloseable {
  /** One thing the proxy saw: {@code kind} is REQUEST, CONNECT, TLS_REQUEST or TLS_FAILED. */
  public record Seen(String kind, String line, String head, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final SSLContext tls;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  /** Starts listening; {@code tls} may be null (CONNECT is then answered and closed). */
  public RecordingProxy(SSLContext tls) throws IOException {
    this.tls = tls;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.execute(() -> serve(s));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(5000);
      String head = HttpWire.latin1(HttpWire.readHead(s.getInputStream(), HttpWire.MAX_HEAD));
      String line = HttpWire.firstLine(head);
      if (line.startsWith("CONNECT ")) {
        seen.add(new Seen("CONNECT", line, head, new byte[0]));
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (tls == null) {
          return;
        }
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
        ssl.setUseClientMode(false);
        try {
          ssl.startHandshake();
        } catch (IOException e) {
          seen.add(new Seen("TLS_FAILED", line, e.toString(), new byte[0]));
          return;
        }
        exchange(ssl.getInputStream(), ssl.getOutputStream(), "TLS_REQUEST");
        ssl.close();
      } else {
        exchange(s.getInputStream(), s.getOutputStream(), "REQUEST", head);
      }
    } catch (IOException e) {
      // the client went away: nothing to record
    }
  }

  private void exchange(InputStream in, OutputStream out, String kind) throws IOException {
    exchange(in, out, kind, HttpWire.latin1(HttpWire.readHead(in, HttpWire.MAX_HEAD)));
  }

  private void exchange(InputStream in, OutputStream out, String kind, String head) throws IOException {
    byte[] body = HttpWire.header(head, "Content-Length") == null ? new byte[0]
        : HttpWire.readBody(in, head, HttpWire.MAX_BODY);
    seen.add(new Seen(kind, HttpWire.firstLine(head), head, body));
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        .getBytes(StandardCharsets.US_ASCII));
    out.write(answer.toByteArray());
    out.flush();
  }
}
