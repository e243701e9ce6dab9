package io.phonehome.simulator.net;

import io.phonehome.simulator.net.packet.TcpFlow;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A plain socket whose traffic also goes into the packet log as the TCP connection the
 * firmware asked for ({@link TcpFlow}), whatever loopback address it really reaches. TLS
 * layered on it is logged as the encrypted bytes it puts on the wire.
 */
final class CapturedSocket extends Socket {
  private final TcpFlow flow;
  private InputStream in;
  private OutputStream out;

  CapturedSocket(TcpFlow flow) {
    this.flow = flow;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    try {
      super.connect(endpoint, timeout);
    } catch (IOException e) {
      flow.refused();
      throw e;
    }
    flow.open();
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) {
      in = new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            flow.received(b, off, n);
          }
          return n;
        }
      };
    }
    return in;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = new FilterOutputStream(super.getOutputStream()) {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          flow.sent(b, off, len);
        }
      };
    }
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    flow.close();
    super.close();
  }
}
