package io.phonehome.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code lab:} part of devices.yaml.
 *
 * @param proxyHost the address phones reach the capture proxy at
 * @param mode sinkhole (uploads answered in the lab) or passthrough
 * @param observe how long a scenario watches traffic after its last step
 * @param reports where run folders are written, relative paths against devices.yaml
 * @param retries how many times a BROKEN test runs again on its device, re-provisioned
 *     (a FAILED one never does)
 */
public record LabConfig(String proxyHost, ProxyMode mode, Duration observe, Path reports, int retries) {
  public LabConfig {
    Objects.requireNonNull(proxyHost, "proxyHost");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(reports, "reports");
    if (retries < 0) {
      throw new IllegalArgumentException("retries " + retries + " < 0");
    }
  }

  /** A lab that does not retry broken tests. */
  public LabConfig(String proxyHost, ProxyMode mode, Duration observe, Path reports) {
    this(proxyHost, mode, observe, reports, 0);
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
