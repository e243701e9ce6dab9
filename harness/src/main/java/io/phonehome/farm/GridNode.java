package io.phonehome.farm;

import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.ManagedProcess;
import io.phonehome.lifecycle.Ports;
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
 * A relay node of the managed grid in front of one phone's WebDriver endpoint
 * ({@link RelayTarget}): a JVM of its own on loopback with one slot kind, whose
 * stereotype carries the phone's {@code appium:udid}. It is started once the hub is
 * ready and counts as started once the hub lists its slot UP. The relay polls the
 * endpoint's status path; while that does not answer HTTP 200 the node is DOWN and the
 * hub rejects sessions for its udid.
 */
public final class GridNode implements Startable {
  /** The part a {@link Watch} names when the node is lost. */
  public static final String PART = "grid node";
  private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);
  /** How long a grid JVM may take to end after SIGTERM before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final GridHub hub;
  private final int number;
  private final RelayTarget target;
  private final GridOptions options;
  private final ManagedProcess process;
  private final Path config;
  private final Object lock = new Object();
  private boolean launched;
  private volatile int port;
  private volatile Instant launchedAt;
  private volatile Duration registerTime;

  /**
   * @param hub a started hub
   * @param number the node's number from 1, in the order of the devices: its log is
   *     {@code grid-node-<number>.log}
   * @param target the phone it relays to
   */
  public GridNode(GridHub hub, int number, RelayTarget target, GridOptions options) {
    this.hub = hub;
    this.number = number;
    this.target = target;
    this.options = options;
    this.config = options.nodeConfig(number);
    this.process = new ManagedProcess(name(), options.nodeLog(number), "config " + config);
  }

  /** Launches the node and waits until the hub lists its slot UP. */
  @Override
  public void start() throws StartException {
    launch();
    awaitRegistered(Instant.now().plus(options.nodeRegisterTimeout()));
  }

  /** Starts the node's JVM without waiting: {@link ManagedGrid} starts every node at once. */
  void launch() throws StartException {
    synchronized (lock) {
      if (launched) {
        throw new IllegalStateException(name() + " was already started");
      }
      launched = true;
    }
    try {
      port = Ports.free(GridOptions.HOST);
      launchedAt = Instant.now();
      process.launch(GridClasspath.jvm("node", "192m", config, GridToml.node(port, hub.ports(), target, options)));
    } catch (IOException e) {
      stop();
      throw new StartException("cannot find a free port for " + name() + " on " + GridOptions.HOST + ": "
          + e.getMessage(), "", e);
    } catch (StartException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  /**
   * Waits until {@code deadline} for the hub to list this node UP with its udid's slot,
   * racing the node's exit; a node that cannot register is a {@link StartException}
   * naming the udid, why, and the log.
   */
  void awaitRegistered(Instant deadline) throws StartException {
    try {
      process.await("registering at the hub " + hub.url(), deadline,
          () -> name() + " did not register at the hub " + hub.url() + " within "
              + options.nodeRegisterTimeout().toSeconds() + " s" + endpointProblem().map(p -> ": " + p).orElse(""),
          () -> {
            if (!hub.isRunning()) {
              throw new StartException("the grid hub stopped while " + name() + " was registering (log "
                  + hub.logFile() + ")");
            }
            try {
              return hub.status().node(url()).filter(n -> n.serves(target.udid()));
            } catch (IOException e) {
              return Optional.empty();
            }
          });
    } catch (StartException e) {
      stop();
      throw e;
    }
    registerTime = Duration.between(launchedAt, Instant.now());
    LOG.info("{} registered at {} in {} ms, relaying to {}", name(), hub.url(), registerTime.toMillis(),
        target.url());
  }

  /** Why the hub does not list the node, when it is the endpoint not answering (most often). */
  private Optional<String> endpointProblem() {
    URI status = target.statusUrl();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200 ? Optional.empty()
          : Optional.of("its WebDriver endpoint answers GET " + status + " with HTTP " + r.statusCode()
              + ", and the relay counts only 200 as up");
    } catch (IOException e) {
      return Optional.of("its WebDriver endpoint does not answer GET " + status + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** How messages name it: {@code grid node 2 (appium:udid 127.0.0.1:40401)}. */
  public String name() {
    return PART + " " + number + " (appium:udid " + target.udid() + ")";
  }

  /** Its number from 1. */
  public int number() {
    return number;
  }

  /** The phone it relays to. */
  public RelayTarget target() {
    return target;
  }

  /** The node's own URL, as the hub lists it; known once launched. */
  public URI url() {
    if (port == 0) {
      throw new IllegalStateException(name() + " has no port before start()");
    }
    return URI.create("http://" + GridOptions.HOST + ":" + port);
  }

  /** How long from launch until the hub listed the slot UP; empty before. */
  public Optional<Duration> registerTime() {
    return Optional.ofNullable(registerTime);
  }

  /** The node JVM's pid. */
  public Optional<Long> pid() {
    return process.pid();
  }

  /** Every pid this node started (the guarding shell and the JVM): none may run after {@link #stop()}. */
  public List<Long> pids() {
    return process.pids();
  }

  /** The node's output. */
  public Path logFile() {
    return process.log();
  }

  /** The node's configuration, as written at start. */
  public Path configFile() {
    return config;
  }

  /**
   * The node's liveness for a {@link Watch}: its JVM runs and the hub lists it UP with
   * the phone's slot. The hub turns it DOWN when the phone's endpoint stops answering
   * its status path (within {@link GridOptions#healthcheckInterval()}). A hub that does
   * not answer is {@link GridHub#check()}'s loss, not this one's.
   */
  public Watch.Check check() {
    return Watch.Check.of(PART, () -> {
      Optional<String> exited = process.exited();
      if (exited.isPresent()) {
        return exited;
      }
      HubStatus status;
      try {
        status = hub.recentStatus();
      } catch (IOException e) {
        return Optional.empty();
      }
      Optional<HubStatus.Node> listed = status.node(url());
      if (listed.isEmpty()) {
        return Optional.of("the hub " + hub.url() + " no longer lists " + name() + " at " + url());
      }
      HubStatus.Node node = listed.get();
      if (!"UP".equals(node.availability())) {
        return Optional.of("the hub lists " + name() + " as " + node.availability()
            + ": its WebDriver endpoint " + target.statusUrl() + " does not answer (log " + logFile() + ")");
      }
      if (!node.serves(target.udid())) {
        return Optional.of("the hub lists " + name() + " with no slot for its udid (slots " + node.udids() + ")");
      }
      return Optional.empty();
    }, () -> LogTail.of(logFile(), 15));
  }

  @Override
  public void stop() {
    process.stop(STOP_GRACE);
  }
}
