package io.phonehome.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's end of the bridge: a port on 127.0.0.1 that the addon connects to, and a
 * thread that hands every line after {@code hello} to a {@link Capture}.
 */
final class BridgeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeListener.class);

  private final String name;
  private final Capture capture;
  private final ServerSocket server;
  private final Thread reader;
  private final CompletableFuture<BridgeEvent.Hello> hello = new CompletableFuture<>();
  private volatile Socket connection;

  private BridgeListener(String name, Capture capture, ServerSocket server) {
    this.name = name;
    this.capture = capture;
    this.server = server;
    this.reader = new Thread(this::read, "phonehome-bridge-" + name);
    reader.setDaemon(true);
  }

  /** Listens on 127.0.0.1 on a free port and starts reading once the addon connects. */
  static BridgeListener open(String name, Capture capture) throws IOException {
    BridgeListener listener = new BridgeListener(name, capture,
        new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
    listener.reader.start();
    return listener;
  }

  int port() {
    return server.getLocalPort();
  }

  /** Completes with the addon's first line; fails when it never came or was not hello. */
  CompletableFuture<BridgeEvent.Hello> hello() {
    return hello;
  }

  /** Closes the connection as a crashed reader would; the addon then spools. */
  void dropConnection() {
    closeQuietly(connection);
  }

  /** Waits for the addon to close its end (it does when mitmdump exits). */
  void awaitEnd(Duration timeout) {
    if (Thread.currentThread() == reader) {
      return;
    }
    try {
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
    closeQuietly(server);
    awaitEnd(Duration.ofSeconds(1));
  }

  private void read() {
    try (Socket socket = server.accept()) {
      connection = socket;
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String first = in.readLine();
      if (first == null) {
        hello.completeExceptionally(new IOException("the bridge closed its connection at once"));
        return;
      }
      if (!(BridgeEvents.parse(first) instanceof BridgeEvent.Hello h)) {
        hello.completeExceptionally(
            new IOException("the bridge's first line was not hello: " + first));
        return;
      }
      hello.complete(h);
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        capture.acceptLine(line);
      }
    } catch (SocketException e) {
      // closed by close() or dropConnection(); mitmdump is stopped first, so nothing is lost
      hello.completeExceptionally(e);
    } catch (IOException | RuntimeException e) {
      hello.completeExceptionally(e);
      LOG.warn("{}: reading the bridge failed: {}", name, e.toString());
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // already closed
      }
    }
  }
}
