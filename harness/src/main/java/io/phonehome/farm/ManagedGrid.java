package io.phonehome.farm;

import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import io.phonehome.lifecycle.Watch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid phonehome runs itself ({@code lab.grid: managed}): one {@link GridHub} and one
 * relay {@link GridNode} per device, each a JVM of its own on loopback. {@link #start()}
 * returns once every node's slot is registered at the hub; sessions are then created at
 * {@link #hubUrl()} with the device's {@code appium:udid} and land on that device, and a
 * udid no node serves is rejected at once. {@link #stop()} ends every JVM it started,
 * also after a failed start.
 *
 * <pre>{@code
 * try (ManagedGrid grid = new ManagedGrid(GridOptions.in(runDir.resolve("lab")),
 *     List.of(RelayTarget.of(serialA, appiumA), RelayTarget.of(serialB, appiumB)))) {
 *   grid.start();
 *   AppiumSession.open("phone-b", grid.hubUrl(), phoneB);   // routed by appium:udid
 * }
 * }</pre>
 */
public final class ManagedGrid implements Startable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedGrid.class);

  private final GridOptions options;
  private final GridHub hub;
  private final List<RelayTarget> targets;
  private final List<GridNode> nodes = new ArrayList<>();
  private final Object lock = new Object();
  private boolean started;
  private volatile Duration nodesRegisterTime;

  /**
   * A grid that is not started yet.
   *
   * @param targets the devices, in devices.yaml order: node {@code n} fronts the n-th;
   *     their udids must differ
   */
  public ManagedGrid(GridOptions options, List<RelayTarget> targets) {
    this.options = options;
    this.targets = List.copyOf(targets);
    Set<String> udids = new HashSet<>();
    for (RelayTarget t : this.targets) {
      if (!udids.add(t.udid())) {
        throw new IllegalArgumentException("two devices have appium:udid " + t.udid()
            + ": the grid routes sessions by udid, so each must be unique");
      }
    }
    this.hub = new GridHub(options);
  }

  /**
   * Starts the hub, then every node at once, and waits until the hub lists each node's
   * slot UP. A node that cannot register fails the start with its udid and its log.
   */
  @Override
  public void start() throws StartException {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("the managed grid was already started");
      }
      started = true;
    }
    try {
      hub.start();
      long t0 = System.nanoTime();
      synchronized (lock) {
        for (int i = 0; i < targets.size(); i++) {
          nodes.add(new GridNode(hub, i + 1, targets.get(i), options));
        }
      }
      for (GridNode node : nodes) {
        node.launch();
      }
      Instant deadline = Instant.now().plus(options.nodeRegisterTimeout());
      for (GridNode node : nodes) {
        node.awaitRegistered(deadline);
      }
      nodesRegisterTime = Duration.ofNanos(System.nanoTime() - t0);
    } catch (StartException | RuntimeException e) {
      stop();
      throw e;
    }
    LOG.info("managed grid ready at {}: hub in {} ms, {} node(s) registered in {} ms", hubUrl(),
        hub.startTime().map(Duration::toMillis).orElse(0L), nodes.size(), nodesRegisterTime.toMillis());
  }

  /** Where sessions are created: the hub. */
  public URI hubUrl() {
    return hub.url();
  }

  /** The hub. */
  public GridHub hub() {
    return hub;
  }

  /** The nodes, in the order of the devices. */
  public List<GridNode> nodes() {
    synchronized (lock) {
      return List.copyOf(nodes);
    }
  }

  /** The node fronting the device with this udid. */
  public Optional<GridNode> node(String udid) {
    return nodes().stream().filter(n -> n.target().udid().equals(udid)).findFirst();
  }

  /** How long from the first node's launch until every node was registered; empty before. */
  public Optional<Duration> nodesRegisterTime() {
    return Optional.ofNullable(nodesRegisterTime);
  }

  /**
   * What a device's {@link Watch} polls when its sessions go through this grid: the hub,
   * and the node in front of this udid.
   */
  public List<Watch.Check> checks(String udid) {
    GridNode node = node(udid).orElseThrow(() ->
        new IllegalArgumentException("no grid node serves appium:udid " + udid));
    return List.of(hub.check(), node.check());
  }

  /** Every pid the grid started (guard shells and JVMs): none may run after {@link #stop()}. */
  public List<Long> pids() {
    List<Long> all = new ArrayList<>(hub.pids());
    nodes().forEach(n -> all.addAll(n.pids()));
    return all;
  }

  /** Stops every node (at once), then the hub. Safe to call twice and after a failed start. */
  @Override
  public void stop() {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (GridNode node : nodes()) {
      stopping.add(CompletableFuture.runAsync(node::stop));
    }
    stopping.forEach(CompletableFuture::join);
    hub.stop();
  }
}
