package io.phonehome.simulator.android;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TCP ports something listens on inside the handset, on its own loopback: reachable
 * only through adbd's {@code tcp:PORT} service, which is what {@code adb forward tcp:X
 * tcp:PORT} opens for each connection to the host's port X. Nothing here binds a host
 * socket.
 */
public final class DevicePorts {
  /** One accepted connection: the bytes the host sends, the bytes back, and hanging up. */
  public interface Connection {
    /** What the host sends; ends when the host closes its end. */
    InputStream input();

    /** Buffered bytes to the host; {@code flush} sends them. */
    OutputStream output();

    /** Ends the connection from the device's side; {@link #input()} then ends too. */
    void close();
  }

  /** What serves the connections to a device port. */
  @FunctionalInterface
  public interface Listener {
    /** Serves one connection until either side ends it. */
    void serve(Connection connection) throws IOException;
  }

  private final Map<Integer, Listener> listening = new HashMap<>();

  /**
   * Starts listening on {@code port}.
   *
   * @throws IllegalStateException when something already listens there (EADDRINUSE)
   */
  public synchronized void listen(int port, Listener listener) {
    if (listening.containsKey(port)) {
      throw new IllegalStateException("bind failed: EADDRINUSE (Address already in use): port " + port);
    }
    listening.put(port, listener);
  }

  /** Stops listening on {@code port} if {@code listener} is what listens there. */
  public synchronized void close(int port, Listener listener) {
    listening.remove(port, listener);
  }

  /** What a new connection to {@code port} reaches; empty: connection refused. */
  public synchronized Optional<Listener> connect(int port) {
    return Optional.ofNullable(listening.get(port));
  }
}
