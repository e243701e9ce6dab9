package io.phonehome.device;

import com.android.ddmlib.AndroidDebugBridge;
import com.android.ddmlib.IDevice;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The adb server the lab runs (started with {@code adb start-server} when none runs) and
 * the ddmlib bridge to it. Network-attached phones join with {@link #connect(String)}.
 * Stopping it leaves the adb server running: it is shared with the rest of the lab.
 */
public final class AdbServer implements Startable {
  private static final Duration BRIDGE_TIMEOUT = Duration.ofSeconds(30);

  private final Path adb;
  private AndroidDebugBridge bridge;

  public AdbServer(Path adb) {
    this.adb = adb;
  }

  /** Finds {@code adb} on PATH or under ANDROID_HOME; empty when there is none. */
  public static Optional<Path> locate() {
    for (String env : List.of("ANDROID_HOME", "ANDROID_SDK_ROOT")) {
      String home = System.getenv(env);
      if (home != null && Files.isExecutable(Path.of(home, "platform-tools", "adb"))) {
        return Optional.of(Path.of(home, "platform-tools", "adb"));
      }
    }
    return Program.ADB.onPath();
  }

  @Override
  public synchronized void start() throws StartException {
    if (bridge != null) {
      return;
    }
    Tools.Result r = Tools.run(Duration.ofSeconds(30), Program.ADB.command(adb, "start-server"));
    if (r.exitCode() != 0) {
      throw new StartException("adb start-server failed with status " + r.exitCode() + ": "
          + r.lastLines(5) + " (is another adb server of a different version running?)");
    }
    AndroidDebugBridge.initIfNeeded(false);
    bridge = AndroidDebugBridge.createBridge(adb.toString(), false,
        BRIDGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (bridge == null) {
      throw new StartException("ddmlib could not reach the adb server at 127.0.0.1:5037 within "
          + BRIDGE_TIMEOUT.toSeconds() + " s");
    }
    Instant deadline = Instant.now().plus(BRIDGE_TIMEOUT);
    while (!bridge.hasInitialDeviceList()) {
      if (Instant.now().isAfter(deadline)) {
        throw new StartException("adb server gave no device list within "
            + BRIDGE_TIMEOUT.toSeconds() + " s");
      }
      Tools.pause(Duration.ofMillis(50));
    }
  }

  /**
   * The port of the adb server this lab uses: {@code ANDROID_ADB_SERVER_PORT}, which adb
   * and ddmlib honour, else adb's default 5037. An Appium server is told it
   * ({@code appium:adbPort}), so that it talks to the same adb server.
   */
  public static int port() {
    String given = System.getenv("ANDROID_ADB_SERVER_PORT");
    if (given != null && given.strip().matches("\\d{1,5}")) {
      return Integer.parseInt(given.strip());
    }
    return 5037;
  }

  /** {@code adb connect host:port}; returns adb's answer. */
  public String connect(String hostPort) throws IOException {
    Tools.Result r = Tools.run(Duration.ofSeconds(15), Program.ADB.command(adb, "connect", hostPort));
    if (r.exitCode() != 0 || r.output().contains("failed") || r.output().contains("unable")) {
      throw new IOException("adb connect " + hostPort + " failed: " + r.output().trim());
    }
    return r.output().trim();
  }

  /** {@code adb disconnect host:port}, ignoring a device that is already gone. */
  public void disconnect(String hostPort) {
    Tools.run(Duration.ofSeconds(10), Program.ADB.command(adb, "disconnect", hostPort));
  }

  /** The device with this serial once adb lists it as online. */
  public Optional<IDevice> device(String serial) {
    if (bridge == null) {
      return Optional.empty();
    }
    return Arrays.stream(bridge.getDevices())
        .filter(d -> d.getSerialNumber().equals(serial) && d.isOnline())
        .findFirst();
  }

  public Path adbPath() {
    return adb;
  }

  /** Leaves the adb server running (the lab's); only lets go of the bridge. */
  @Override
  public synchronized void stop() {
    if (bridge != null) {
      // terminate() only stops ddmlib's threads; disconnectBridge() would kill the
      // lab's adb server when ddmlib believes it started it
      AndroidDebugBridge.terminate();
      bridge = null;
    }
  }
}
