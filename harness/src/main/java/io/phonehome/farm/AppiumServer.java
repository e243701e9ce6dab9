package io.phonehome.farm;

import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.ManagedProcess;
import io.phonehome.lifecycle.Ports;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import io.phonehome.lifecycle.Watch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lab.appium: managed}: a real Appium 3 server with the UiAutomator2 driver on a
 * free loopback port, for the devices without an Appium server of their own. Both come
 * from the npm registry at pinned versions, installed on first use under
 * {@code .phonehome/appium/} (the server's {@code APPIUM_HOME}); the server is told the
 * lab's adb server port and started with what {@code mobile: shell} needs, its log is
 * kept, and it stops with the run, or within seconds of a harness that was killed.
 *
 * <pre>{@code
 * AppiumServer appium = new AppiumServer(root.resolve(".phonehome/appium"), adbPort,
 *     runDir.resolve("lab/appium.log"), Progress::lab);
 * appium.start();
 * URI url = appium.url(); // sessions pass appium:udid and appium:adbPort
 * }</pre>
 */
public final class AppiumServer implements Startable {
  /** The Appium server the harness installs (npm {@code appium}). */
  public static final String APPIUM_VERSION = "3.8.0";
  /** The UiAutomator2 driver it installs (npm {@code appium-uiautomator2-driver}). */
  public static final String DRIVER_VERSION = "8.7.0";
  /** Where Debian's {@code adb} package puts its SDK layout, which the driver requires. */
  private static final Path DEBIAN_SDK = Path.of("/usr/lib/android-sdk");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final int LOG_TAIL_LINES = 15;
  private static final Pattern NODE_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private final Path home;
  private final int adbPort;
  private final Path log;
  private final Consumer<String> progress;
  private final Object lock = new Object();
  private final ManagedProcess process;
  private int port;
  private boolean stopped;

  /**
   * @param home the install folder, also the server's {@code APPIUM_HOME}
   * @param adbPort the lab's adb server port, which the server's driver must use
   * @param log where the server's output goes ({@code lab/appium.log} of the run)
   * @param progress where the one-line progress of an install goes
   */
  public AppiumServer(Path home, int adbPort, Path log, Consumer<String> progress) {
    this.home = home.toAbsolutePath().normalize();
    this.adbPort = adbPort;
    this.log = log.toAbsolutePath().normalize();
    this.progress = progress;
    this.process = new ManagedProcess("the Appium server", this.log, "APPIUM_HOME " + this.home);
  }

  /**
   * Installs the server and its driver under the home folder if they are not there yet,
   * as {@link #start()} does first; for a caller that times runs and must not time the
   * install. Returns the server's main script.
   */
  public Path install() throws StartException {
    Path node = node();
    checkNodeVersion(node);
    return install(node);
  }

  @Override
  public void start() throws StartException {
    Path node = node();
    checkNodeVersion(node);
    Path main = install(node);
    try {
      synchronized (lock) {
        if (stopped) {
          throw new StartException("the Appium server was stopped while starting");
        }
        try {
          port = Ports.freeLoopback();
        } catch (IOException e) {
          throw new StartException("cannot find a free loopback port for the Appium server: " + e.getMessage());
        }
        ProcessBuilder own = Program.NODE.command(node, List.of(main.toString(), "server",
            "--address", "127.0.0.1", "--port", Integer.toString(port),
            "--allow-insecure=uiautomator2:adb_shell", "--log-no-colors", "--log-timestamp"));
        environment(own);
        process.launch(own);
      }
      awaitReady();
    } catch (StartException e) {
      stop();
      throw e;
    }
  }

  private static Path node() throws StartException {
    return Program.NODE.onPath().orElseThrow(() -> new StartException(
        "lab.appium: managed needs Node.js 20.19 or newer with npm, and node is not on PATH: install Node 20 (e.g. apt-get install nodejs"
            + " from a Node 20 repository), or give each device its own appium: URL"));
  }

  private void environment(ProcessBuilder builder) throws StartException {
    builder.environment().put("APPIUM_HOME", home.toString());
    builder.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(adbPort));
    // appium-adb wants an SDK with platform-tools/adb; Debian's adb package lays one out
    if (builder.environment().get("ANDROID_HOME") == null) {
      builder.environment().put("ANDROID_HOME", androidHome().toString());
    }
  }

  private Path androidHome() throws StartException {
    if (Files.isExecutable(DEBIAN_SDK.resolve("platform-tools/adb"))) {
      return DEBIAN_SDK;
    }
    Path adb = Program.ADB.onPath().orElseThrow(() -> new StartException(
        "the Appium server needs adb: install it with: apt-get install adb"));
    Path sdk = home.resolve("android-sdk");
    Path link = sdk.resolve("platform-tools/adb");
    try {
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, adb.toRealPath());
    } catch (IOException e) {
      throw new StartException("cannot lay out an Android SDK folder for the Appium server at " + sdk
          + ": " + e.getMessage());
    }
    return sdk;
  }

  private void awaitReady() throws StartException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    process.await("it was ready", Instant.now().plus(READY_TIMEOUT), () -> "the Appium server did not answer /status on "
        + url() + " within " + READY_TIMEOUT.toSeconds() + " s", () -> {
          try {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(url().resolve("/status"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return status.statusCode() == 200 && status.body().replace(" ", "").contains("\"ready\":true")
                ? Optional.of(true) : Optional.empty();
          } catch (IOException e) {
            return Optional.empty(); // not listening yet
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw process.failure("interrupted while waiting for the Appium server", e);
          }
        });
  }

  /**
   * Appium and its driver at the pinned versions, installed with npm when they are not
   * there yet; returns Appium's entry script.
   */
  private Path install(Path node) throws StartException {
    Path main = home.resolve("node_modules/appium/index.js");
    if (!installed("appium", APPIUM_VERSION) || !installed("appium-uiautomator2-driver", DRIVER_VERSION)) {
      Path npm = Program.NPM.onPath().orElseThrow(() -> new StartException(
          "lab.appium: managed installs Appium with npm, which is not on PATH: install it with Node 20"));
      Path installLog = home.resolve("install.log");
      try {
        Files.createDirectories(home);
      } catch (IOException e) {
        throw new StartException("cannot create " + home + ": " + e.getMessage());
      }
      if (!installed("appium", APPIUM_VERSION)) {
        progress.accept("lab: installing Appium " + APPIUM_VERSION + " from the npm registry into " + home
            + " (once)");
        run(Program.NPM.command(npm, List.of("install", "--prefix", home.toString(), "--no-audit", "--no-fund",
            "--loglevel=error", "appium@" + APPIUM_VERSION)), installLog, "npm install appium@" + APPIUM_VERSION);
      }
      if (!installed("appium-uiautomator2-driver", DRIVER_VERSION)) {
        progress.accept("lab: installing the UiAutomator2 driver " + DRIVER_VERSION + " (once)");
        ProcessBuilder driver = Program.NODE.command(node, List.of(main.toString(), "driver", "install",
            "uiautomator2@" + DRIVER_VERSION));
        driver.environment().put("APPIUM_HOME", home.toString());
        run(driver, installLog, "appium driver install uiautomator2@" + DRIVER_VERSION);
      }
      if (!installed("appium", APPIUM_VERSION) || !installed("appium-uiautomator2-driver", DRIVER_VERSION)) {
        throw new StartException("the install of Appium " + APPIUM_VERSION + " and the UiAutomator2 driver "
            + DRIVER_VERSION + " into " + home + " finished, but they are not there: see " + installLog);
      }
    }
    return main;
  }

  private boolean installed(String module, String version) {
    Path manifest = home.resolve("node_modules").resolve(module).resolve("package.json");
    try {
      return Files.isRegularFile(manifest)
          && Files.readString(manifest).matches("(?s).*\"version\"\\s*:\\s*\"" + Pattern.quote(version) + "\".*");
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(ProcessBuilder builder, Path log, String what) throws StartException {
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = builder.start();
      if (!p.waitFor(INSTALL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new StartException(what + " did not finish within " + INSTALL_TIMEOUT.toMinutes()
            + " min (is the npm registry reachable?): see " + log);
      }
      if (p.exitValue() != 0) {
        List<String> tail = LogTail.of(log, 5);
        throw new StartException(what + " failed with status " + p.exitValue() + " (is the npm registry"
            + " reachable?): " + (tail.isEmpty() ? "" : tail.get(tail.size() - 1) + "; ") + "see " + log);
      }
    } catch (IOException e) {
      throw new StartException("cannot run " + what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartException(what + " was interrupted");
    }
  }

  private static void checkNodeVersion(Path node) throws StartException {
    String version;
    try {
      Process p = Program.NODE.command(node, List.of("--version")).redirectErrorStream(true).start();
      version = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
    } catch (IOException e) {
      throw new StartException("cannot run " + node + " --version: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartException("interrupted while asking node for its version");
    }
    Optional<String> old = tooOld(version);
    if (old.isPresent()) {
      throw new StartException(old.get());
    }
  }

  /** Why a {@code node --version} answer is too old for Appium 3.8; empty when it is new enough. */
  static Optional<String> tooOld(String version) {
    Matcher m = NODE_VERSION.matcher(version);
    if (!m.find()) {
      return Optional.of("node --version said '" + version + "', not a version");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    // ^20.19.0 || ^22.12.0 || >=24.0.0
    boolean ok = major >= 24 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19);
    return ok ? Optional.empty() : Optional.of("Appium " + APPIUM_VERSION + " needs Node.js 20.19 or newer"
        + " (22.12 on the 22 line, or 24 and newer); this machine has " + version
        + ": install Node 20.19 or newer, or give each device its own appium: URL");
  }

  /** The server's WebDriver URL, known once {@link #start()} returned. */
  public URI url() {
    synchronized (lock) {
      return URI.create("http://127.0.0.1:" + port);
    }
  }

  /** The server's output. */
  public Path log() {
    return log;
  }

  /** Its liveness for a device's watch: a server that exited takes every session with it. */
  public Watch.Check check() {
    return Watch.Check.of(Watch.APPIUM, process::exited, () -> LogTail.of(log, LOG_TAIL_LINES));
  }

  @Override
  public void stop() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    process.stop(Duration.ofSeconds(5));
  }
}
