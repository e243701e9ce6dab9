package io.phonehome.simulator.android;

/**
 * A server that an instrumentation runs inside its target's process while it is
 * instrumented, as the UiAutomator2 server's test APK does: {@code am instrument -w} of
 * its runner starts it, it listens on a device port, and it ends (ending the
 * instrumentation) when it shuts itself down, when the instrumentation's shell is killed
 * or when its package is force-stopped.
 */
public interface InstrumentedServer {
  /** The device port it listens on, e.g. 6790. */
  int port();

  /**
   * Starts one run of the server.
   *
   * @param target the package instrumented (its manifest gives the server's version)
   * @param shutdown what the server calls when it shuts itself down (after deleting its session)
   * @return what serves each connection to {@link #port()} during this run
   */
  Run start(Packages.Package target, Runnable shutdown);

  /** One run of the server. */
  interface Run extends DevicePorts.Listener {
    /** Ends the run: open connections close, and new ones are refused. */
    void stop();
  }
}
