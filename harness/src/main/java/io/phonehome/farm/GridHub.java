package io.phonehome.farm;

import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.ManagedProcess;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import io.phonehome.lifecycle.Watch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed grid's hub: a Selenium Grid 4 hub in a JVM of its own, its HTTP port and
 * event bus on loopback, rejecting at once a session no node can serve. Nodes register
 * through its event bus ({@link #ports()}); sessions are created at {@link #url()}.
 *
 * <pre>{@code
 * try (GridHub hub = new GridHub(GridOptions.in(labDir))) {
 *   hub.start();
 *   HubStatus status = hub.status();
 * }
 * }</pre>
 */
public final class GridHub implements Startable {
  /** The part a {@link Watch} names when the hub is lost. */
  public static final String PART = "grid hub";
  private static final Logger LOG = LoggerFactory.getLogger(GridHub.class);
  /** How long a grid JVM may take to end after SIGTERM before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
  /** How long a status read serves the liveness checks of every node. */
  private static final Duration STATUS_REUSE = Duration.ofMillis(500);

  private final GridOptions options;
  private final ManagedProcess process;
  private final Path config;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Object lock = new Object();
  private boolean started;
  private volatile HubPorts ports;
  private volatile Duration startTime;
  private HubStatus lastStatus;
  private long lastStatusAt;

  /** A hub that is not started yet; it logs to {@code options.hubLog()}. */
  public GridHub(GridOptions options) {
    this.options = options;
    this.config = options.hubConfig();
    this.process = new ManagedProcess(PART, options.hubLog(), "config " + config);
  }

  @Override
  public void start() throws StartException {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("the grid hub was already started");
      }
      started = true;
    }
    long t0 = System.nanoTime();
    try {
      try {
        ports = HubPorts.free(GridOptions.HOST);
      } catch (IOException e) {
        throw new StartException("cannot find free ports for the grid hub on " + GridOptions.HOST + ": "
            + e.getMessage(), "", e);
      }
      process.launch(GridClasspath.jvm("hub", "384m", config, GridToml.hub(ports, options)));
      process.await("answering GET " + url() + "/status", Instant.now().plus(options.hubStartTimeout()),
          () -> "the grid hub did not answer GET " + url() + "/status within " + options.hubStartTimeout().toSeconds()
              + " s", () -> {
        try {
          return Optional.of(status());
        } catch (IOException e) {
          return Optional.empty();
        }
      });
    } catch (StartException | RuntimeException e) {
      stop();
      throw e;
    }
    startTime = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info("grid hub ready at {} in {} ms (event bus {} / {}), log {}", url(), startTime.toMillis(),
        ports.publishAddress(GridOptions.HOST), ports.subscribeAddress(GridOptions.HOST), logFile());
  }

  /** The hub's status now, read from {@code GET /status}. */
  public HubStatus status() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/status")).timeout(STATUS_TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + request.uri() + " answered HTTP " + response.statusCode());
    }
    HubStatus status = HubStatus.parse(response.body());
    synchronized (lock) {
      lastStatus = status;
      lastStatusAt = System.nanoTime();
    }
    return status;
  }

  /** The status read within the last half second, else a fresh one: for the per-node checks. */
  HubStatus recentStatus() throws IOException {
    synchronized (lock) {
      if (lastStatus != null && System.nanoTime() - lastStatusAt < STATUS_REUSE.toNanos()) {
        return lastStatus;
      }
    }
    return status();
  }

  /** Where sessions are created ({@code http://127.0.0.1:PORT}); known once started. */
  public URI url() {
    HubPorts p = ports;
    if (p == null) {
      throw new IllegalStateException("the grid hub has no port before start()");
    }
    return p.url(GridOptions.HOST);
  }

  /** The hub's HTTP and event bus ports; known once started. */
  public HubPorts ports() {
    HubPorts p = ports;
    if (p == null) {
      throw new IllegalStateException("the grid hub has no ports before start()");
    }
    return p;
  }

  /** How long the hub took from launch to answering {@code /status}; empty before. */
  public Optional<Duration> startTime() {
    return Optional.ofNullable(startTime);
  }

  /** True from a successful {@link #start()} while the hub's JVM runs. */
  public boolean isRunning() {
    return startTime != null && process.isAlive();
  }

  /** The hub JVM's pid. */
  public Optional<Long> pid() {
    return process.pid();
  }

  /** Every pid this hub started (the guarding shell and the JVM): none may run after {@link #stop()}. */
  public List<Long> pids() {
    return process.pids();
  }

  /** The hub's output. */
  public Path logFile() {
    return process.log();
  }

  /** The hub's configuration, as written at start. */
  public Path configFile() {
    return config;
  }

  /**
   * The hub's liveness for a {@link Watch}: its JVM runs and it answers
   * {@code GET /status}; without it no session reaches any phone.
   */
  public Watch.Check check() {
    return Watch.Check.of(PART, () -> {
      Optional<String> exited = process.exited();
      if (exited.isPresent()) {
        return exited;
      }
      try {
        recentStatus();
        return Optional.empty();
      } catch (IOException e) {
        return Optional.of("the grid hub at " + url() + " does not answer GET /status: " + e.getMessage());
      }
    }, () -> LogTail.of(logFile(), 15));
  }

  @Override
  public void stop() {
    process.stop(STOP_GRACE);
  }
}
