package io.phonehome.simulator.adb;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.android.DevicePorts;
import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.shell.FileAccess;
import io.phonehome.simulator.state.PhoneState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handset's adb daemon on 127.0.0.1: Debian's {@code adb connect 127.0.0.1:PORT} adds
 * it as a network-attached device, and ddmlib then sees it like any phone. It serves
 * {@code shell:}, {@code exec:}, {@code sync:} (version 1), {@code reboot:},
 * {@code root:}, {@code track-jdwp} (always empty) and, on a handset driven as a farm phone
 * ({@code --driver appium}), {@code tcp:PORT} to its device ports; it refuses every other service. It advertises no optional feature, so
 * hosts use the legacy shell and sync protocols, as with an Android 4.x phone.
 */
public final class AdbDeviceServer implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final VirtualHandset handset;
  private final int requestedPort;
  private final Set<AdbConnection> connections = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "adb-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });
  private ServerSocket server;
  private Thread acceptor;
  private int port;
  private boolean closed;

  /** A server for {@code handset} on {@code port}, or on a free port when it is 0. */
  public AdbDeviceServer(VirtualHandset handset, int port) {
    this.handset = handset;
    this.requestedPort = port;
  }

  /** Starts listening; {@link #port()} then tells where. */
  public synchronized void start() throws IOException {
    listen(requestedPort);
  }

  /** The port it listens on (the requested one until {@link #start()}). */
  public synchronized int port() {
    return server == null && port == 0 ? requestedPort : port;
  }

  /** Drops every connection and stops accepting, as a rebooting phone does. */
  public void goOffline() {
    Thread accepting;
    synchronized (this) {
      if (server != null) {
        try {
          server.close();
        } catch (IOException e) {
          // closing anyway
        }
        server = null;
      }
      accepting = acceptor;
      acceptor = null;
    }
    if (accepting != null && accepting != Thread.currentThread()) {
      // A thread blocked in accept() keeps the listening socket alive until it is woken:
      // wait for it, so that no host connects once this returns.
      try {
        accepting.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AdbConnection c : connections) {
      c.close();
    }
    connections.clear();
  }

  /** Accepts again on the same port. */
  public synchronized void comeOnline() throws IOException {
    if (closed || server != null) {
      return;
    }
    listen(port);
  }

  private void listen(int onPort) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    try {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 16);
    } catch (IOException e) {
      s.close();
      throw new IOException("adb: cannot listen on 127.0.0.1:" + onPort + " (" + e.getMessage()
          + "); choose another --adb-port, or 0 for a free one", e);
    }
    server = s;
    port = s.getLocalPort();
    Thread accept = new Thread(() -> accept(s), "adb-accept-" + port);
    accept.setDaemon(true);
    accept.start();
    acceptor = accept;
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      Socket socket;
      try {
        socket = s.accept();
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        System.err.println("adb: accept on port " + port + " failed: " + e.getMessage());
        return;
      }
      try {
        socket.setTcpNoDelay(true);
        AdbConnection c = new AdbConnection(socket, this::banner, this::service, workers,
            connections::remove);
        synchronized (this) {
          if (server != s) {
            socket.close();
            continue;
          }
          connections.add(c);
        }
        Thread reader = new Thread(c, "adb-conn-" + socket.getPort());
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        System.err.println("adb: could not set up connection: " + e.getMessage());
      }
    }
  }

  /** The CNXN banner: product properties and an empty feature list. */
  String banner() {
    PhoneState state = handset.state();
    return "device::ro.product.name=" + state.getprop("ro.product.name")
        + ";ro.product.model=" + state.getprop("ro.product.model")
        + ";ro.product.device=" + state.getprop("ro.product.device")
        + ";features=";
  }

  private Optional<AdbService> service(String name) {
    if (name.startsWith("shell:") || name.startsWith("exec:")) {
      String command = name.substring(name.indexOf(':') + 1);
      return Optional.of(new ShellService(handset.shell(), command));
    }
    if (name.equals("sync:")) {
      FileAccess access = handset.shell() instanceof AndroidShell a ? a.access() : new FileAccess();
      return Optional.of(new SyncService(handset.state().fs(), access));
    }
    if (name.equals("reboot:") || name.startsWith("reboot:")) {
      String target = name.substring("reboot:".length());
      return Optional.of(stream -> handset.reboot(target));
    }
    if (name.startsWith("tcp:") && handset.framework().isPresent()) {
      return devicePort(name.substring("tcp:".length()));
    }
    if (name.equals("track-jdwp")) {
      // No debuggable app runs: the list is empty and stays so until the host hangs up.
      return Optional.of(stream -> {
        stream.output().write("0000".getBytes(StandardCharsets.US_ASCII));
        stream.output().flush();
        stream.input().transferTo(OutputStream.nullOutputStream());
      });
    }
    if (name.equals("root:")) {
      return Optional.of(stream -> stream.output().write(
          "adbd cannot run as root in production builds\n".getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /**
   * {@code tcp:PORT} (what {@code adb forward} opens per connection): a connection to what
   * listens on that port inside the handset, refused (the stream closes) when nothing does.
   */
  private Optional<AdbService> devicePort(String spec) {
    int colon = spec.indexOf(':');
    String portText = colon < 0 ? spec : spec.substring(colon + 1);
    if (colon >= 0 && !spec.substring(0, colon).equals("localhost") && !spec.substring(0, colon).equals("127.0.0.1")) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Optional<DevicePorts.Listener> listener = handset.framework().get().ports().connect(port);
    return listener.map(l -> stream -> l.serve(new DevicePorts.Connection() {
      @Override
      public InputStream input() {
        return stream.input();
      }

      @Override
      public OutputStream output() {
        return stream.output();
      }

      @Override
      public void close() {
        stream.close();
      }
    }));
  }

  /** Stops listening, drops every connection and ends its threads; safe to call twice. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    goOffline();
    workers.shutdownNow();
  }
}
