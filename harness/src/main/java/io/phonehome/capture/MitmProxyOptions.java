package io.phonehome.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run one capture proxy.
 *
 * @param name label for logs and threads, usually the device name
 * @param proxyHost the address phones reach the proxy at (devices.yaml {@code lab.proxy-host})
 * @param labDir the lab's directory; the lab CA lives in {@code labDir/mitmproxy}
 * @param evidenceDir where the flow file, the log and the bridge script are written
 * @param mode sinkhole or passthrough
 * @param extraSets further mitmdump {@code --set name=value} options, e.g. for an upstream
 * @param startTimeout how long to wait for mitmdump to become ready
 */
public record MitmProxyOptions(String name, String proxyHost, Path labDir, Path evidenceDir,
    CaptureMode mode, List<String> extraSets, Duration startTimeout) {

  public MitmProxyOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(proxyHost, "proxyHost");
    Objects.requireNonNull(labDir, "labDir");
    Objects.requireNonNull(evidenceDir, "evidenceDir");
    Objects.requireNonNull(mode, "mode");
    extraSets = List.copyOf(extraSets);
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /** A sinkhole or passthrough proxy on 127.0.0.1 with a 20 s start timeout. */
  public static MitmProxyOptions of(String name, Path labDir, Path evidenceDir, CaptureMode mode) {
    return new MitmProxyOptions(name, "127.0.0.1", labDir, evidenceDir, mode, List.of(),
        Duration.ofSeconds(20));
  }

  /** The same options with phones reaching the proxy at {@code host}. */
  public MitmProxyOptions withProxyHost(String host) {
    return new MitmProxyOptions(name, host, labDir, evidenceDir, mode, extraSets, startTimeout);
  }

  /** The same options with another readiness timeout. */
  public MitmProxyOptions withStartTimeout(Duration timeout) {
    return new MitmProxyOptions(name, proxyHost, labDir, evidenceDir, mode, extraSets, timeout);
  }

  /** Adds {@code --set nameAndValue} to the mitmdump command line. */
  public MitmProxyOptions withSet(String nameAndValue) {
    List<String> sets = new ArrayList<>(extraSets);
    sets.add(nameAndValue);
    return new MitmProxyOptions(name, proxyHost, labDir, evidenceDir, mode, sets, startTimeout);
  }

  /** The mitmproxy configuration directory of the lab (CA, certificates). */
  public Path confDir() {
    return labDir.resolve("mitmproxy");
  }
}
