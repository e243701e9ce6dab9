package io.phonehome.simulator;

import io.phonehome.simulator.adb.AdbDeviceServer;
import io.phonehome.simulator.android.AndroidFramework;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.runtime.FirmwareRuntime;
import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.shell.Shell;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.telephony.Messenger;
import io.phonehome.simulator.telephony.TelephonyPrograms;
import io.phonehome.simulator.webdriver.UiAutomator2Server;
import io.phonehome.simulator.webdriver.WebDriverServer;
import io.phonehome.simulator.webdriver.ui.Apps;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One virtual handset: its state, the adb device port, the WebDriver port, the firmware
 * runtime that talks to the network, and the loopback sink that stands in for the
 * internet. Everything listens on 127.0.0.1 only.
 *
 * <p>Driven {@link Driver#DIRECT} (the default), it serves its own UiAutomator2-compatible
 * WebDriver port. Driven {@link Driver#APPIUM}, it is what a farm phone is to a real
 * Appium server's UiAutomator2 driver: it has no WebDriver port of its own; its adb
 * shows an Android 8+ framework ({@link AndroidFramework}) that installs the driver's
 * APKs, and instrumenting the UiAutomator2 server's test APK serves the same WebDriver
 * commands on device port 6790, behind {@code adb forward}.
 */
public final class VirtualHandset implements AutoCloseable {
  /** Who drives the handset's screens. */
  public enum Driver {
    /** The handset's own WebDriver port, any Android version. */
    DIRECT,
    /** A real Appium server's UiAutomator2 driver, over adb (Android 8 / API 26 or newer). */
    APPIUM
  }

  /** How long the handset is off the network while it reboots. */
  static final Duration REBOOT_DOWNTIME = Duration.ofMillis(1500);
  /** How long after a reboot completes the firmware's network comes up. */
  static final Duration NETWORK_UP_AFTER_BOOT = Duration.ofSeconds(3);

  private final PhoneState state;
  private final Shell shell;
  private final LoopbackSink sink;
  private final FirmwareRuntime runtime;
  private final Messenger messenger;
  private final AdbDeviceServer adb;
  private final Ui ui;
  private final Optional<AndroidFramework> framework;
  private final WebDriverServer webDriver;
  private final ExecutorService rebooter =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reboot");
        t.setDaemon(true);
        return t;
      });
  private volatile boolean closed;

  /** A handset with its own WebDriver port ({@link Driver#DIRECT}). */
  public VirtualHandset(FirmwareProfile firmware, Identity identity, int adbPort, int webDriverPort)
      throws IOException {
    this(firmware, identity, adbPort, webDriverPort, Driver.DIRECT);
  }

  /**
   * A handset driven by {@code driver}; {@code webDriverPort} is unused under
   * {@link Driver#APPIUM}.
   *
   * @throws IllegalArgumentException when {@code driver} is {@link Driver#APPIUM} and the
   *     firmware is older than Android 8.0 (API 26)
   */
  public VirtualHandset(FirmwareProfile firmware, Identity identity, int adbPort, int webDriverPort, Driver driver)
      throws IOException {
    this.state = new PhoneState(firmware, identity);
    AndroidShell androidShell = new AndroidShell(this);
    TelephonyPrograms.install(androidShell, state);
    this.shell = androidShell;
    this.sink = new LoopbackSink();
    this.runtime = new FirmwareRuntime(state, sink);
    androidShell.installStreaming("tcpdump", new io.phonehome.simulator.net.packet.TcpdumpProgram(
        runtime.network().capture().log()));
    androidShell.install("nc", new io.phonehome.simulator.net.NcCommand(runtime));
    this.messenger = new Messenger(state, runtime);
    this.ui = new Ui(state, Apps.standard(), messenger);
    if (driver == Driver.APPIUM) {
      AndroidFramework android = new AndroidFramework(state, ui);
      android.install(androidShell);
      android.activities().serveWhenInstrumented(UiAutomator2Server.TARGET_PACKAGE, new UiAutomator2Server(this));
      this.framework = Optional.of(android);
      this.webDriver = null;
    } else {
      this.framework = Optional.empty();
      this.webDriver = new WebDriverServer(this, webDriverPort);
    }
    this.adb = new AdbDeviceServer(this, adbPort);
  }

  /** Starts listening and boots the firmware. */
  public void start() throws IOException {
    sink.start();
    adb.start();
    if (webDriver != null) {
      webDriver.start();
    }
    boot();
  }

  private void boot() {
    state.newBootId();
    runtime.start();
    state.setprop("sys.boot_completed", "1");
  }

  /**
   * Reboots as a phone does: adb drops, the firmware stops, and after a short downtime
   * the device is back on the same port and boot services run again. Returns at once.
   */
  public void reboot() {
    reboot("");
  }

  /**
   * Reboots into a target as {@code adb reboot TARGET} does: {@code recovery} runs the
   * pending recovery command (installing a build) before booting; other targets boot
   * normally.
   */
  public void reboot(String target) {
    rebooter.execute(() -> {
      try {
        state.setprop("sys.boot_completed", "0");
        runtime.stop();
        adb.goOffline();
        framework.ifPresent(AndroidFramework::reboot);
        if (target.equals("recovery")) {
          Recovery.run(state);
        }
        Thread.sleep(REBOOT_DOWNTIME.toMillis());
        if (closed) {
          return;
        }
        state.newBootId();
        adb.comeOnline();
        // as on a phone, the network (Wi-Fi association) comes up a little after the
        // boot completes, so a lab that reconnects at once sees the power-on uploads
        state.setprop("sys.boot_completed", "1");
        Thread.sleep(NETWORK_UP_AFTER_BOOT.toMillis());
        if (closed) {
          return;
        }
        runtime.start();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        System.err.println("reboot failed: " + e);
      }
    });
  }

  public PhoneState state() {
    return state;
  }

  public Shell shell() {
    return shell;
  }

  /** The firmware's services: phone features fire their triggers here. */
  public FirmwareRuntime runtime() {
    return runtime;
  }

  /** What stands in for the internet, with a log of what reached it. */
  public LoopbackSink sink() {
    return sink;
  }

  /** Sends texts and saves contacts as the Messaging and Contacts apps do. */
  public Messenger messenger() {
    return messenger;
  }

  /** The screens the handset shows; both kinds of WebDriver endpoint drive these. */
  public Ui ui() {
    return ui;
  }

  /** The Android 8+ framework a handset driven by Appium shows over adb; empty when driven directly. */
  public Optional<AndroidFramework> framework() {
    return framework;
  }

  /** Who drives its screens. */
  public Driver driver() {
    return framework.isPresent() ? Driver.APPIUM : Driver.DIRECT;
  }

  public int adbPort() {
    return adb.port();
  }

  /** The handset's own WebDriver port; 0 when it is driven by Appium (it has none). */
  public int webDriverPort() {
    return webDriver == null ? 0 : webDriver.port();
  }

  public int sinkPort() {
    return sink.port();
  }

  @Override
  public void close() {
    closed = true;
    rebooter.shutdownNow();
    runtime.stop();
    if (webDriver != null) {
      webDriver.close();
    }
    adb.close();
    sink.close();
  }
}
