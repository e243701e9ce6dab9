package io.phonehome.capture;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
  private volatile String ended;

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

  /** True from the addon's hello while its connection stays open. */
  boolean isConnected() {
    return hello.isDone() && !hello.isCompletedExceptionally() && ended == null;
  }

  /** Why the connection ended; empty while it is open. */
  String endCause() {
    String e = ended;
    return e == null ? "" : e;
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
      Lines lines = new Lines(socket.getInputStream());
      if (!lines.next()) {
        hello.completeExceptionally(new IOException("the bridge closed its connection at once"));
        return;
      }
      BridgeEvent first;
      try {
        first = BridgeEvents.parse(lines.buffer(), lines.offset(), lines.length());
      } catch (BridgeEvents.MalformedEventException e) {
        first = null;
      }
      if (!(first instanceof BridgeEvent.Hello h)) {
        hello.completeExceptionally(
            new IOException("the bridge's first line was not hello: " + lines.text()));
        return;
      }
      hello.complete(h);
      while (lines.next()) {
        capture.acceptLine(lines.buffer(), lines.offset(), lines.length());
      }
      ended = "mitmdump's end closed it";
    } catch (SocketException e) {
      // closed by close() or dropConnection(); mitmdump is stopped first, so nothing is lost
      ended = "closed: " + e.getMessage();
      hello.completeExceptionally(e);
    } catch (IOException | RuntimeException e) {
      ended = "reading it failed: " + e;
      hello.completeExceptionally(e);
      LOG.warn("{}: reading the bridge failed: {}", name, e.toString());
    }
  }

  /**
   * The lines of a stream, each left in a shared buffer until the next call: one read
   * usually brings several lines, and none is copied or decoded here.
   */
  static final class Lines {
    private static final int INITIAL = 64 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[INITIAL];
    private int start;
    private int filled;
    private int lineStart;
    private int lineEnd;

    Lines(InputStream in) {
      this.in = in;
    }

    /** Moves to the next line; false at the end of the stream (a last line without newline counts). */
    boolean next() throws IOException {
      int scanned = start;
      while (true) {
        for (int i = scanned; i < filled; i++) {
          if (buffer[i] == '\n') {
            lineStart = start;
            lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
            start = i + 1;
            return true;
          }
        }
        scanned = filled;
        if (start > 0 && (filled == buffer.length || start == filled)) {
          // move the unfinished line to the front, and give back a buffer a huge body grew
          int left = filled - start;
          byte[] target = left == 0 && buffer.length > INITIAL ? new byte[INITIAL] : buffer;
          System.arraycopy(buffer, start, target, 0, left);
          buffer = target;
          scanned -= start;
          filled = left;
          start = 0;
        }
        if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          if (filled > start) {
            lineStart = start;
            lineEnd = filled;
            start = filled;
            return true;
          }
          return false;
        }
        filled += n;
      }
    }

    byte[] buffer() {
      return buffer;
    }

    int offset() {
      return lineStart;
    }

    int length() {
      return lineEnd - lineStart;
    }

    String text() {
      return new String(buffer, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
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
