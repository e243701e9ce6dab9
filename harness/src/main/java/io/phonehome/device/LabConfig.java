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
 */
public record LabConfig(String proxyHost, ProxyMode mode, Duration observe, Path reports) {
  public LabConfig {
    Objects.requireNonNull(proxyHost, "proxyHost");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(reports, "reports");
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
