package io.phonehome.simulator.adb;

import io.phonehome.simulator.VirtualHandset;
import java.io.IOException;

/** The adb device side over TCP (stub: replaced by the real implementation). */
public final class AdbDeviceServer implements AutoCloseable {
  private final int requestedPort;

  public AdbDeviceServer(VirtualHandset handset, int port) {
    this.requestedPort = port;
  }

  public void start() throws IOException {}

  public int port() {
    return requestedPort;
  }

  /** Drops every connection and stops accepting, as a rebooting phone does. */
  public void goOffline() {}

  /** Accepts again on the same port. */
  public void comeOnline() throws IOException {}

  @Override
  public void close() {}
}
