package io.phonehome.capture;

import io.phonehome.lifecycle.Interruption;
import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.Ports;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Watch;
import io.phonehome.lifecycle.Startable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code mitmdump} with the project's bridge addon, capturing one device's traffic.
 * Every request, response, error and TLS failure streams into {@link #capture()} as it
 * happens; the mitmproxy flow file and the log are kept in the evidence directory.
 *
 * <pre>{@code
 * try (MitmProxy proxy = new MitmProxy(MitmProxyOptions.of("virtual-leaky", labDir,
 *     evidenceDir, CaptureMode.SINKHOLE))) {
 *   proxy.start();
 *   // point the phone at proxy.host():proxy.port(), install proxy.caCertificate()
 *   proxy.capture().awaitIdle(Duration.ofSeconds(2), Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class MitmProxy implements Startable {
  private static final Logger LOG = LoggerFactory.getLogger(MitmProxy.class);
  static final String BRIDGE_RESOURCE = "phonehome_bridge.py";
  static final String CA_FILE = "mitmproxy-ca-cert.pem";
  private static final int LOG_TAIL_LINES = 15;
  /** How long a closed bridge waits for mitmdump to be seen exited, when it is the cause. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(2);

  private final MitmProxyOptions options;
  private final String modeName;
  private final Capture capture;
  private final Set<String> checkpoints = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private boolean started;
  private boolean stopped;
  // volatile: the shutdown hook and stop() may read them while start() is still running
  private volatile Process process;
  private volatile BridgeListener bridge;
  private volatile Interruption.Registration exitCleanup;
  private volatile Instant readyAt;
  private volatile long mitmdumpPid;
  private int port;

  /** A proxy that is not started yet. */
  public MitmProxy(MitmProxyOptions options) {
    this(options, options.mode().wireName());
  }

  /** Lets tests hand the bridge a mode it must refuse. */
  MitmProxy(MitmProxyOptions options, String modeName) {
    this.options = options;
    this.modeName = modeName;
    this.capture = new Capture(options.name());
  }

  /** The lab CA certificate mitmproxy creates in {@code labDir/mitmproxy} on its first start. */
  public static Path caCertificate(Path labDir) {
    return labDir.resolve("mitmproxy").resolve(CA_FILE);
  }

  /**
   * Makes sure the lab CA exists, starting mitmdump once to create it if needed, so that
   * it can be installed on a device before that device's proxy starts.
   */
  public static synchronized Path ensureLabCa(Path labDir) throws StartException {
    Path ca = caCertificate(labDir);
    if (Files.isRegularFile(ca)) {
      return ca;
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("phonehome-ca");
    } catch (IOException e) {
      throw new StartException("cannot create a temporary directory to create the lab CA: " + e,
          "", e);
    }
    try (MitmProxy proxy = new MitmProxy(
        MitmProxyOptions.of("lab-ca", labDir, scratch, CaptureMode.SINKHOLE))) {
      proxy.start();
    } finally {
      deleteQuietly(scratch);
    }
    if (!Files.isRegularFile(ca)) {
      throw new StartException("mitmdump started but did not create the lab CA " + ca);
    }
    return ca;
  }

  @Override
  public void start() throws StartException {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("capture proxy " + options.name() + " was already started");
      }
      started = true;
    }
    try {
      doStart();
    } catch (StartException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void doStart() throws StartException {
    Path mitmdump = locateMitmdump(System.getenv("PATH"));
    Path script = prepareFiles();
    List<String> command;
    CompletableFuture<BridgeEvent.Hello> hello;
    synchronized (lock) {
      if (stopped) {
        throw new StartException("capture proxy " + options.name() + " was stopped while starting");
      }
      try {
        bridge = BridgeListener.open(options.name(), capture);
        port = Ports.free(options.proxyHost());
      } catch (IOException e) {
        throw new StartException("cannot open a port for the capture proxy on "
            + options.proxyHost() + ": " + e.getMessage(), "", e);
      }
      hello = bridge.hello();
      ProcessBuilder own = Program.MITMDUMP.command(mitmdump, arguments(script, bridge.port()))
          .redirectErrorStream(true)
          .redirectOutput(logFile().toFile());
      own.environment().put("PYTHONUNBUFFERED", "1");
      command = own.command();
      // tied to this JVM: a harness killed with SIGKILL leaves no proxy sinkholing behind
      ProcessBuilder builder = Program.tiedToHarness(own);
      // after an interrupted run has had its time to finish, not racing it
      exitCleanup = Interruption.atExit(this::killOnExit);
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new StartException("cannot run " + String.join(" ", command) + ": " + e.getMessage(),
            "", e);
      }
      process.onExit().thenRun(() -> {
        hello.completeExceptionally(new ExitedException());
        warnIfUnexpected();
      });
    }
    LOG.info("{}: started mitmdump (pid {}) on {}:{}", options.name(), process.pid(),
        options.proxyHost(), port);
    awaitReady(hello, command);
  }

  private void awaitReady(CompletableFuture<BridgeEvent.Hello> helloFuture, List<String> command)
      throws StartException {
    String where = options.proxyHost() + ":" + port;
    BridgeEvent.Hello hello;
    try {
      hello = helloFuture.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw failure("mitmdump did not become ready on " + where + " within "
          + seconds(options.startTimeout()), command, null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ExitedException) {
        throw failure("mitmdump exited with status " + exitStatus(), command, null);
      }
      throw failure("the bridge addon did not say hello: " + e.getCause().getMessage(), command,
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for mitmdump on " + where, command, e);
    }
    if (!hello.errors().isEmpty()) {
      throw failure("mitmdump refused to start: " + String.join("; ", hello.errors()), command,
          null);
    }
    if (hello.listen().stream().noneMatch(a -> a.endsWith(":" + port))) {
      throw failure("mitmdump is not listening on " + where + " (listening on " + hello.listen()
          + "; is the port taken?)", command, null);
    }
    mitmdumpPid = hello.pid();
    readyAt = Instant.now();
    LOG.info("{}: capture proxy ready on {}, flows to {}", options.name(), where, flowFile());
  }

  private StartException failure(String what, List<String> command, Throwable cause) {
    List<String> tail = LogTail.of(logFile(), LOG_TAIL_LINES);
    String details = "command: " + String.join(" ", command) + "\nlog " + logFile() + ":\n"
        + String.join("\n", tail);
    String lastLines = String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
    return new StartException(what + ": " + (lastLines.isEmpty() ? "(log is empty)" : lastLines),
        details, cause);
  }

  private void warnIfUnexpected() {
    synchronized (lock) {
      if (stopped || !hasStarted()) {
        return;
      }
    }
    // the capture stops growing from here on; say so rather than let a test pass quietly
    LOG.error("{}: mitmdump exited on its own with status {}; no more traffic is captured. "
        + "See {}", options.name(), exitStatus(), logFile());
  }

  private boolean hasStarted() {
    return readyAt != null;
  }

  private static void awaitExit(Process p, Duration grace) {
    try {
      p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int exitStatus() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Path prepareFiles() throws StartException {
    try {
      Files.createDirectories(options.evidenceDir());
      Files.createDirectories(options.confDir());
      Path script = options.evidenceDir().resolve(BRIDGE_RESOURCE);
      try (InputStream in = MitmProxy.class.getResourceAsStream(BRIDGE_RESOURCE)) {
        if (in == null) {
          throw new StartException("the bridge addon " + BRIDGE_RESOURCE
              + " is missing from the harness jar: rebuild it with mvn package");
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      // a spool left by an earlier run in this directory would be taken in at stop()
      Files.deleteIfExists(spoolFile());
      return script;
    } catch (IOException e) {
      throw new StartException("cannot write to the evidence directory " + options.evidenceDir()
          + ": " + e.getMessage(), "", e);
    }
  }

  private List<String> arguments(Path script, int bridgePort) {
    List<String> command = new ArrayList<>(List.of(
        "--listen-host", options.proxyHost(),
        "-p", Integer.toString(port),
        "--set", "confdir=" + options.confDir().toAbsolutePath(),
        // lazy plus no upstream certificate sniffing: CONNECT and the phone's TLS handshake
        // never open an upstream connection, so sinkhole mode sends nothing, not even DNS
        "--set", "connection_strategy=lazy",
        "--set", "upstream_cert=false",
        "-s", script.toAbsolutePath().toString(),
        "--set", "phonehome_port=" + bridgePort,
        "--set", "phonehome_mode=" + modeName,
        "-w", flowFile().toAbsolutePath().toString()));
    for (String set : options.extraSets()) {
      command.add("--set");
      command.add(set);
    }
    return command;
  }

  @Override
  public void stop() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    terminate(Duration.ofSeconds(5));
    BridgeListener b = bridge;
    if (b != null) {
      b.awaitEnd(Duration.ofSeconds(5));
      b.close();
    }
    if (exitCleanup != null) {
      exitCleanup.close();
    }
    readSpool();
  }

  private void terminate(Duration grace) {
    Process p = process;
    if (p != null && p.isAlive() && Processes.terminate(p, grace)) {
      LOG.warn("{}: mitmdump (pid {}) ignored SIGTERM for {}; killed it", options.name(),
          p.pid(), seconds(grace));
    }
  }


  private void killOnExit() {
    terminate(Duration.ofSeconds(2));
  }

  /** Events the bridge could not send (the harness connection broke) are taken in at stop. */
  private void readSpool() {
    Path spool = spoolFile();
    if (!Files.isRegularFile(spool)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
      LOG.warn("{}: the bridge spooled {} events to {}; adding them to the capture",
          options.name(), lines.size(), spool);
      lines.forEach(capture::acceptLine);
    } catch (IOException e) {
      LOG.warn("{}: cannot read the bridge spool {}: {}", options.name(), spool, e.toString());
    }
  }

  /** Drops the bridge's connection as a crashed harness reader would; for tests of the spool. */
  void dropBridgeConnection() {
    BridgeListener b = bridge;
    if (b != null) {
      b.dropConnection();
    }
  }

  /**
   * Closes a window on the proxy's side. mitmproxy reports a request only once its body
   * has arrived whole, so an upload still arriving would be in no window: the harness
   * sends a request of its own for {@link ProxyProbe#HOST}, before which the bridge
   * reports every upload still arriving with the bytes so far, and waits until that
   * request is in the capture (the reports before it then are too). Empty when done,
   * else why not, one line.
   */
  public Optional<String> checkpoint(Duration timeout) throws InterruptedException {
    String url = "http://" + ProxyProbe.HOST + "/phonehome/checkpoint/" + UUID.randomUUID();
    checkpoints.add(url);
    String host = options.proxyHost();
    InetSocketAddress to;
    try {
      InetAddress address = InetAddress.getByName(host);
      // a proxy listening on every address is reached on loopback
      to = new InetSocketAddress(address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address, port());
    } catch (IOException e) {
      return Optional.of("cannot resolve the capture proxy's address " + host + ": " + e.getMessage());
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(to, millis);
      socket.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: " + ProxyProbe.HOST
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      if (capture.awaitFlow(f -> f.url().equals(url), timeout).isEmpty()) {
        return Optional.of("the capture proxy at " + host + ":" + port() + " did not report the harness's"
            + " end-of-window request within " + seconds(timeout) + ", so uploads still in flight are unknown");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("the capture proxy at " + host + ":" + port() + " refused the harness's"
          + " end-of-window request (" + e.getMessage() + "), so uploads still in flight are unknown");
    }
  }

  /** Whether a flow is one of {@link #checkpoint}'s own requests, not the phone's traffic. */
  public boolean isCheckpoint(Flow flow) {
    return checkpoints.contains(flow.url());
  }

  /** The flows seen so far, growing while the proxy runs. */
  public Capture capture() {
    return capture;
  }

  /** The address phones reach the proxy at. */
  public String host() {
    return options.proxyHost();
  }

  /** The proxy port; known once {@link #start()} returned. */
  public int port() {
    synchronized (lock) {
      return port;
    }
  }

  /** The lab CA certificate (PEM) phones must trust for the proxy to read their TLS. */
  public Path caCertificate() {
    return caCertificate(options.labDir());
  }

  /** mitmproxy's own flow file, readable with {@code mitmproxy -r}. */
  public Path flowFile() {
    return options.evidenceDir().resolve("mitmdump.flows");
  }

  /** mitmdump's output. */
  public Path logFile() {
    return options.evidenceDir().resolve("mitmdump.log");
  }

  /** Where the bridge writes events it could not send to the harness. */
  public Path spoolFile() {
    return options.evidenceDir().resolve("mitmdump.flows.spool.jsonl");
  }

  /** True from a successful {@link #start()} while mitmdump keeps running. */
  public boolean isRunning() {
    Process p = process;
    return readyAt != null && p != null && p.isAlive();
  }

  /** The process id of mitmdump itself (not of the shell that ties it to the harness). */
  public Optional<Long> pid() {
    Process p = process;
    if (p == null) {
      return Optional.empty();
    }
    long own = mitmdumpPid;
    return Optional.of(own > 0 ? own : p.pid());
  }

  /**
   * The proxy's liveness for a {@link Watch}: mitmdump must run, and its bridge must stay
   * connected without spooling, every line of it read; once either is lost, the capture
   * no longer holds everything the phone sent.
   */
  public List<Watch.Check> checks() {
    return List.of(
        Watch.Check.of(Watch.PROXY, () -> {
          Process p = process;
          if (p == null) {
            return Optional.of("mitmdump is not running");
          }
          BridgeListener b = bridge;
          if (p.isAlive() && b != null && !b.isConnected()) {
            // A killed mitmdump closes its bridge before the JVM reaps it: let the
            // root cause, not its echo, be the loss on record.
            awaitExit(p, EXIT_GRACE);
          }
          return p.isAlive() ? Optional.empty()
              : Optional.of("mitmdump exited with status " + p.exitValue() + " (log " + logFile() + ")");
        }, () -> LogTail.of(logFile(), LOG_TAIL_LINES)),
        Watch.Check.of(Watch.BRIDGE, () -> {
          BridgeListener b = bridge;
          if (b == null || !b.isConnected()) {
            return Optional.of("the bridge from mitmdump to the harness is closed"
                + (b == null ? "" : ": " + b.endCause()));
          }
          if (Files.exists(spoolFile())) {
            return Optional.of("the bridge spools events to " + spoolFile() + " instead of streaming them");
          }
          return capture.unreadEvents();
        }, () -> LogTail.of(logFile(), LOG_TAIL_LINES)));
  }

  /** Finds mitmdump on {@code path} (a PATH value), or says how to install it. */
  static Path locateMitmdump(String path) throws StartException {
    return Program.MITMDUMP.find(path).orElseThrow(() ->
        new StartException("mitmdump not found: install it with: apt-get install mitmproxy"));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", dir, e.toString());
    }
  }

  /** Marks the process exit in the readiness race. */
  private static final class ExitedException extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
