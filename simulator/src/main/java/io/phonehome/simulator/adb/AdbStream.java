package io.phonehome.simulator.adb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One stream of a connection, from the device's side: what the host writes arrives as an
 * input stream, what the service writes leaves as WRTE messages, one at a time, each
 * waiting for the host's OKAY of the one before.
 */
final class AdbStream implements AutoCloseable {
  private static final byte[] END = new byte[0];
  /** How long a closing stream waits for the host to acknowledge its last write. */
  private static final long LAST_ACK_WAIT_MS = 5_000;

  private final AdbConnection connection;
  private final int localId;
  private final int remoteId;
  private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
  private final Semaphore writable = new Semaphore(1);
  private volatile boolean closed;
  private final InputStream in = new Inbound();
  private final OutputStream out = new Outbound();

  AdbStream(AdbConnection connection, int localId, int remoteId) {
    this.connection = connection;
    this.localId = localId;
    this.remoteId = remoteId;
  }

  int localId() {
    return localId;
  }

  int remoteId() {
    return remoteId;
  }

  boolean isClosed() {
    return closed;
  }

  /** What the host writes; ends when the host closes the stream. */
  InputStream input() {
    return in;
  }

  /** Buffered writes to the host; {@code flush} sends them. */
  OutputStream output() {
    return out;
  }

  /** Sends bytes as WRTE messages no larger than the connection's payload limit. */
  void write(byte[] data) throws IOException {
    int max = connection.maxPayload();
    for (int off = 0; off < data.length; off += max) {
      int len = Math.min(max, data.length - off);
      byte[] chunk = new byte[len];
      System.arraycopy(data, off, chunk, 0, len);
      awaitWritable();
      connection.send(new AdbMessage(AdbMessage.WRTE, localId, remoteId, chunk));
    }
  }

  private void awaitWritable() throws IOException {
    try {
      while (!writable.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        if (closed) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the host's OKAY");
    }
    if (closed) {
      throw new IOException("stream " + localId + " closed by the host");
    }
  }

  void onData(byte[] data) {
    if (data.length > 0 && !closed) {
      inbound.add(data);
    }
  }

  void onOkay() {
    synchronized (writable) {
      if (writable.availablePermits() == 0) {
        writable.release();
      }
    }
  }

  /** The host closed the stream (or the connection dropped): no CLSE goes back. */
  void onRemoteClose() {
    closed = true;
    inbound.add(END);
    writable.release();
  }

  /** Ends the stream from the device's side: waits briefly for the last OKAY, sends CLSE. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (writable.tryAcquire(LAST_ACK_WAIT_MS, TimeUnit.MILLISECONDS)) {
        writable.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closed) {
      return;
    }
    closed = true;
    inbound.add(END);
    connection.closeStream(this);
  }

  private final class Inbound extends InputStream {
    private byte[] current = END;
    private int pos;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos >= current.length) {
        if (ended) {
          return -1;
        }
        try {
          current = inbound.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted reading from the host");
        }
        pos = 0;
        if (current == END) {
          ended = true;
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  private final class Outbound extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (buffer.size() > 0) {
        byte[] data = buffer.toByteArray();
        buffer.reset();
        AdbStream.this.write(data);
      }
    }
  }
}
