package io.phonehome.bench;

import io.phonehome.device.InventoryParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the benchmark runs.
 *
 * @param harMegabytes size of the generated HAR, in MB (10^6 bytes)
 * @param bodyBytes size of the body streamed in the heap figure
 * @param requests requests sent through each proxy
 * @param connections concurrent client connections to each proxy
 * @param workDir where the HAR, spools and proxy files go (deleted afterwards); empty for a temporary directory
 * @param proxies whether to run the proxy figures (they need mitmdump)
 * @param audit whether to run the HAR, grep and body figures
 * @param farm the largest number of virtual handsets of the farm figures ({@code --farm N}); 0 for none.
 *     With it, the bench runs only the farm figures
 * @param farmDirect whether the farm figures measure handsets driven directly (their own endpoint)
 * @param farmAppium whether they measure handsets driven through a managed Appium server and Grid
 * @param farmObserve how long each handset's scenario observes in a farm run
 */
public record BenchOptions(long harMegabytes, long bodyBytes, int requests, int connections,
    Optional<Path> workDir, boolean proxies, boolean audit, int farm, boolean farmDirect, boolean farmAppium,
    Duration farmObserve) {
  /** The most handsets {@code --farm} starts. */
  public static final int MAX_FARM = 32;

  /** 500 MB HAR, 2 GB body, 3,000 requests over 4 connections, every figure but the farm's. */
  public static final BenchOptions DEFAULT = new BenchOptions(500, 2_000_000_000L, 3_000, 4, Optional.empty(),
      true, true, 0, true, true, Duration.ofSeconds(10));

  public BenchOptions {
    if (harMegabytes < 1 || bodyBytes < 1 || requests < 1 || connections < 1) {
      throw new IllegalArgumentException("bench sizes must be positive");
    }
    if (!proxies && !audit) {
      throw new IllegalArgumentException("--no-proxy and --proxy-only leave nothing to run");
    }
    if (farm < 0 || farm > MAX_FARM) {
      throw new IllegalArgumentException("--farm takes 1 to " + MAX_FARM + " handsets");
    }
    if (!farmDirect && !farmAppium) {
      throw new IllegalArgumentException("--via needs direct, appium or both");
    }
    if (farmObserve.isNegative() || farmObserve.isZero()) {
      throw new IllegalArgumentException("--observe must be positive");
    }
  }

  /** The handset counts the farm figures measure: 1, then doubling, and {@link #farm} last (8: 1, 2, 4, 8). */
  public List<Integer> farmCounts() {
    List<Integer> counts = new ArrayList<>();
    for (int n = 1; n < farm; n *= 2) {
      counts.add(n);
    }
    if (farm > 0) {
      counts.add(farm);
    }
    return counts;
  }

  /**
   * Parses {@code --har-mb N --body-gb G --requests N --connections N --dir DIR} and one of
   * {@code --no-proxy} (skip the mitmdump figures) or {@code --proxy-only} (only them); or
   * {@code --farm N [--via direct|appium|both] [--observe 10s] [--dir DIR]}, the farm
   * figures alone.
   */
  public static BenchOptions parse(String[] args) {
    long har = DEFAULT.harMegabytes;
    long body = DEFAULT.bodyBytes;
    int requests = DEFAULT.requests;
    int connections = DEFAULT.connections;
    Optional<Path> dir = Optional.empty();
    boolean proxies = true;
    boolean audit = true;
    int farm = 0;
    boolean direct = true;
    boolean appium = true;
    Duration observe = DEFAULT.farmObserve;
    boolean farmGiven = false;
    List<String> auditOptions = new ArrayList<>();
    List<String> farmOptions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--no-proxy")) {
        proxies = false;
        auditOptions.add(name);
        continue;
      }
      if (name.equals("--proxy-only")) {
        audit = false;
        auditOptions.add(name);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      try {
        switch (name) {
          case "--har-mb" -> har = Long.parseLong(value);
          case "--body-gb" -> body = Math.round(Double.parseDouble(value) * 1e9);
          case "--requests" -> requests = Integer.parseInt(value);
          case "--connections" -> connections = Integer.parseInt(value);
          case "--dir" -> dir = Optional.of(Path.of(value));
          case "--farm" -> {
            farm = Integer.parseInt(value);
            farmGiven = true;
          }
          case "--via" -> {
            direct = value.equals("direct") || value.equals("both");
            appium = value.equals("appium") || value.equals("both");
            if (!direct && !appium) {
              throw new IllegalArgumentException("--via takes direct, appium or both, not '" + value + "'");
            }
          }
          case "--observe" -> {
            observe = InventoryParser.parseDuration(value);
            if (observe == null) {
              throw new IllegalArgumentException("--observe takes a duration such as 10s, not '" + value + "'");
            }
          }
          default -> throw new IllegalArgumentException("unknown option '" + name
              + "' (allowed: --har-mb, --body-gb, --requests, --connections, --dir, --no-proxy, --proxy-only,"
              + " --farm, --via, --observe)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number, not '" + value + "'");
      }
      if (List.of("--har-mb", "--body-gb", "--requests", "--connections").contains(name)) {
        auditOptions.add(name);
      } else if (name.equals("--via") || name.equals("--observe")) {
        farmOptions.add(name);
      }
    }
    if (farmGiven) {
      if (farm < 1) {
        throw new IllegalArgumentException("--farm takes 1 to " + MAX_FARM + " handsets");
      }
      if (!auditOptions.isEmpty()) {
        throw new IllegalArgumentException("--farm measures virtual handsets only: " + String.join(", ", auditOptions)
            + " does not go with it");
      }
    } else if (!farmOptions.isEmpty()) {
      throw new IllegalArgumentException(String.join(", ", farmOptions) + " goes with --farm N");
    }
    return new BenchOptions(har, body, requests, connections, dir, proxies, audit, farm, direct, appium, observe);
  }
}
