package io.phonehome.simulator.net;

import java.io.IOException;

/** Stands in for the internet on 127.0.0.1 (stub: replaced by the real implementation). */
public final class LoopbackSink implements AutoCloseable {
  public void start() throws IOException {}

  public int port() {
    return 0;
  }

  @Override
  public void close() {}
}
