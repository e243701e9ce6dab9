package io.phonehome.simulator.adb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One host connection: answers CNXN, opens streams for the services it knows, refuses the
 * others, and keeps the stream table. Each service runs on its own thread so that many
 * streams progress at once; messages are read on this connection's own thread.
 */
final class AdbConnection implements Runnable {
  /** The largest payload this device announces and accepts. */
  static final int MAX_PAYLOAD = 256 * 1024;
  /** What the reader tolerates before CNXN says otherwise (adb hosts send up to 1 MiB). */
  private static final int MAX_ACCEPTED = 1024 * 1024;

  private final Socket socket;
  private final Supplier<String> banner;
  private final Function<String, Optional<AdbService>> services;
  private final ExecutorService workers;
  private final Consumer<AdbConnection> onEnd;
  private final Map<Integer, AdbStream> streams = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final OutputStream out;
  private volatile int version;
  private volatile int maxPayload = 4096;
  private volatile boolean closed;

  AdbConnection(Socket socket, Supplier<String> banner,
      Function<String, Optional<AdbService>> services, ExecutorService workers,
      Consumer<AdbConnection> onEnd) throws IOException {
    this.socket = socket;
    this.banner = banner;
    this.services = services;
    this.workers = workers;
    this.onEnd = onEnd;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  int maxPayload() {
    return maxPayload;
  }

  @Override
  public void run() {
    try (InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
      while (!closed) {
        boolean verify = version != 0 && version < AdbMessage.VERSION_SKIP_CHECKSUM;
        AdbMessage m = AdbMessage.read(in, MAX_ACCEPTED, verify);
        if (m == null) {
          break;
        }
        handle(m);
      }
    } catch (AdbProtocolException e) {
      System.err.println("adb: closing connection from " + socket.getRemoteSocketAddress()
          + ": " + e.getMessage());
    } catch (IOException e) {
      if (!closed) {
        System.err.println("adb: connection from " + socket.getRemoteSocketAddress()
            + " failed: " + e.getMessage());
      }
    } finally {
      close();
    }
  }

  private void handle(AdbMessage m) throws IOException {
    switch (m.command()) {
      case AdbMessage.CNXN -> connect(m);
      case AdbMessage.OPEN -> open(m);
      case AdbMessage.OKAY -> stream(m).ifPresent(AdbStream::onOkay);
      case AdbMessage.WRTE -> write(m);
      case AdbMessage.CLSE -> stream(m).ifPresent(s -> {
        streams.remove(s.localId());
        s.onRemoteClose();
      });
      default -> {
        // AUTH, STLS and SYNC are never asked for by this device; a host that sends them
        // anyway gets no answer, as from a device that does not support them.
      }
    }
  }

  private void connect(AdbMessage m) throws IOException {
    int hostVersion = m.arg0();
    version = Integer.compareUnsigned(hostVersion, AdbMessage.VERSION_SKIP_CHECKSUM) < 0
        ? AdbMessage.VERSION_MIN
        : AdbMessage.VERSION_SKIP_CHECKSUM;
    int hostMax = m.arg1();
    maxPayload = hostMax <= 0 ? 4096 : Math.min(hostMax, MAX_PAYLOAD);
    send(AdbMessage.of(AdbMessage.CNXN, version, MAX_PAYLOAD, banner.get()));
  }

  private void open(AdbMessage m) throws IOException {
    int remoteId = m.arg0();
    String name = m.text();
    if (System.getenv("PHONEHOME_TRACE_ADB") != null) {
      System.err.println("adb open: " + name);
    }
    Optional<AdbService> service = version == 0 ? Optional.empty() : services.apply(name);
    if (remoteId == 0 || service.isEmpty()) {
      send(new AdbMessage(AdbMessage.CLSE, 0, remoteId, null));
      return;
    }
    AdbStream stream = new AdbStream(this, nextId.getAndIncrement(), remoteId);
    streams.put(stream.localId(), stream);
    send(new AdbMessage(AdbMessage.OKAY, stream.localId(), remoteId, null));
    workers.execute(() -> {
      try (stream) {
        service.get().serve(stream);
        stream.output().flush();
      } catch (IOException e) {
        if (!stream.isClosed() && !closed) {
          System.err.println("adb: service '" + name + "' failed: " + e.getMessage());
        }
      } catch (RuntimeException e) {
        System.err.println("adb: service '" + name + "' failed: " + e);
      }
    });
  }

  private void write(AdbMessage m) throws IOException {
    Optional<AdbStream> s = stream(m);
    if (s.isPresent()) {
      s.get().onData(m.data());
      send(new AdbMessage(AdbMessage.OKAY, s.get().localId(), m.arg0(), null));
    }
  }

  /** The stream a host message is about: arg1 is the device's id, arg0 the host's. */
  private Optional<AdbStream> stream(AdbMessage m) {
    AdbStream s = streams.get(m.arg1());
    return s != null && s.remoteId() == m.arg0() ? Optional.of(s) : Optional.empty();
  }

  void closeStream(AdbStream s) {
    if (streams.remove(s.localId()) != null) {
      try {
        send(new AdbMessage(AdbMessage.CLSE, s.localId(), s.remoteId(), null));
      } catch (IOException e) {
        // the connection is gone, and the stream with it
      }
    }
  }

  void send(AdbMessage m) throws IOException {
    byte[] bytes = m.encode();
    synchronized (out) {
      if (closed) {
        throw new IOException("connection closed");
      }
      out.write(bytes);
      out.flush();
    }
  }

  /** Drops the connection and ends every stream on it; safe to call twice. */
  void close() {
    synchronized (out) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (AdbStream s : streams.values()) {
      s.onRemoteClose();
    }
    streams.clear();
    onEnd.accept(this);
  }
}
