package io.phonehome.farm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the managed grid runs. Every part binds {@link #HOST} only; the ports are free ones
 * chosen at start.
 *
 * @param logDir where {@code grid-hub.log}, {@code grid-node-<n>.log} and their TOML go
 *     (a run's {@code lab/} folder)
 * @param hubStartTimeout how long the hub may take to answer {@code GET /status}
 * @param nodeRegisterTimeout how long a node may take until the hub lists its slot UP
 * @param sessionRequestTimeout how long a session request may wait in the hub's queue
 *     for a busy slot ({@code [sessionqueue] session-request-timeout}); a request no
 *     node can serve is rejected at once instead
 * @param nodeSessionTimeout how long a session may go without a command before its node
 *     ends it ({@code [node] session-timeout}); as Appium's {@code newCommandTimeout}
 * @param healthcheckInterval how often the hub asks every node whether its endpoint is
 *     up ({@code [distributor] healthcheck-interval}); a node whose endpoint stopped
 *     answering is DOWN within about this long
 */
public record GridOptions(Path logDir, Duration hubStartTimeout, Duration nodeRegisterTimeout,
    Duration sessionRequestTimeout, Duration nodeSessionTimeout, Duration healthcheckInterval) {
  /** The only address the hub, its event bus and the nodes listen on. */
  public static final String HOST = "127.0.0.1";

  /** Checks that every duration is at least a second (the grid counts in seconds). */
  public GridOptions {
    Objects.requireNonNull(logDir, "logDir");
    for (Duration d : new Duration[] {hubStartTimeout, nodeRegisterTimeout, sessionRequestTimeout,
        nodeSessionTimeout, healthcheckInterval}) {
      Objects.requireNonNull(d, "duration");
      if (d.toSeconds() < 1) {
        throw new IllegalArgumentException("grid timeouts are whole seconds, at least 1: " + d);
      }
    }
  }

  /**
   * The defaults: hub ready within 60 s, nodes registered within 60 s, a queued request
   * waits 60 s, a session idle for 5 min ends (as Appium's default), health every 10 s.
   */
  public static GridOptions in(Path logDir) {
    return new GridOptions(logDir, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofMinutes(5), Duration.ofSeconds(10));
  }

  /** The same options with another idle limit for sessions. */
  public GridOptions withNodeSessionTimeout(Duration timeout) {
    return new GridOptions(logDir, hubStartTimeout, nodeRegisterTimeout, sessionRequestTimeout, timeout,
        healthcheckInterval);
  }

  /** The same options with another registration limit for nodes. */
  public GridOptions withNodeRegisterTimeout(Duration timeout) {
    return new GridOptions(logDir, hubStartTimeout, timeout, sessionRequestTimeout, nodeSessionTimeout,
        healthcheckInterval);
  }

  /** The hub's log. */
  public Path hubLog() {
    return logDir.resolve("grid-hub.log");
  }

  /** The hub's configuration, as written at start. */
  public Path hubConfig() {
    return logDir.resolve("grid-hub.toml");
  }

  /** The log of node {@code n} (from 1, in the order of the devices). */
  public Path nodeLog(int n) {
    return logDir.resolve("grid-node-" + n + ".log");
  }

  /** The configuration of node {@code n}. */
  public Path nodeConfig(int n) {
    return logDir.resolve("grid-node-" + n + ".toml");
  }
}
