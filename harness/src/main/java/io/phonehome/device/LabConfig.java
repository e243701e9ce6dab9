package io.phonehome.device;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code lab:} part of devices.yaml.
 *
 * @param proxyHost the address phones reach the capture proxy at
 * @param mode sinkhole (uploads answered in the lab) or passthrough
 * @param observe how long a scenario watches traffic after its last step
 * @param reports where run folders are written, relative paths against devices.yaml
 * @param retries how many times a BROKEN test runs again on its device, re-provisioned
 *     (a FAILED one never does)
 * @param parallel how many devices are tested at once; 0 for every device
 * @param appium {@code appium:}, the Appium server of the devices without one of their own:
 *     managed by phonehome, or the lab's at a URL; empty for none
 * @param grid {@code grid:}, a Selenium Grid 4 hub every session is created through:
 *     managed by phonehome (a hub and a relay node per device), or the lab's at a URL;
 *     empty for none
 */
public record LabConfig(String proxyHost, ProxyMode mode, Duration observe, Path reports, int retries,
    int parallel, Optional<Service> appium, Optional<Service> grid) {
  public LabConfig {
    Objects.requireNonNull(proxyHost, "proxyHost");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(reports, "reports");
    if (retries < 0) {
      throw new IllegalArgumentException("retries " + retries + " < 0");
    }
    if (parallel < 0) {
      throw new IllegalArgumentException("parallel " + parallel + " < 0");
    }
    Objects.requireNonNull(appium, "appium");
    Objects.requireNonNull(grid, "grid");
  }

  /** A lab that does not retry broken tests and tests every device at once. */
  public LabConfig(String proxyHost, ProxyMode mode, Duration observe, Path reports) {
    this(proxyHost, mode, observe, reports, 0, 0, Optional.empty(), Optional.empty());
  }

  /**
   * {@code lab.appium:} or {@code lab.grid:}.
   *
   * @param url the lab's own server; empty for {@code managed} (phonehome starts one)
   */
  public record Service(Optional<URI> url) {
    public Service {
      Objects.requireNonNull(url, "url");
    }

    public boolean managed() {
      return url.isEmpty();
    }
  }

  /** How many of {@code devices} devices are tested at once: {@code parallel}, at most all of them. */
  public int devicesAtOnce(int devices) {
    return Math.max(1, parallel == 0 ? devices : Math.min(parallel, devices));
  }

  /** What the capture proxy does with an upload. */
  public enum ProxyMode {
    /** Answer every request in the lab: nothing leaves, no DNS is needed. */
    SINKHOLE,
    /** Forward requests to their destination. */
    PASSTHROUGH;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
