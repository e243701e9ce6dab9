package io.phonehome.bench;

import java.nio.file.Path;
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
 */
public record BenchOptions(long harMegabytes, long bodyBytes, int requests, int connections,
    Optional<Path> workDir, boolean proxies, boolean audit) {
  /** 500 MB HAR, 2 GB body, 3,000 requests over 4 connections, every figure. */
  public static final BenchOptions DEFAULT =
      new BenchOptions(500, 2_000_000_000L, 3_000, 4, Optional.empty(), true, true);

  public BenchOptions {
    if (harMegabytes < 1 || bodyBytes < 1 || requests < 1 || connections < 1) {
      throw new IllegalArgumentException("bench sizes must be positive");
    }
    if (!proxies && !audit) {
      throw new IllegalArgumentException("--no-proxy and --proxy-only leave nothing to run");
    }
  }

  /**
   * Parses {@code --har-mb N --body-gb G --requests N --connections N --dir DIR} and one of
   * {@code --no-proxy} (skip the mitmdump figures) or {@code --proxy-only} (only them).
   */
  public static BenchOptions parse(String[] args) {
    long har = DEFAULT.harMegabytes;
    long body = DEFAULT.bodyBytes;
    int requests = DEFAULT.requests;
    int connections = DEFAULT.connections;
    Optional<Path> dir = Optional.empty();
    boolean proxies = true;
    boolean audit = true;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--no-proxy")) {
        proxies = false;
        continue;
      }
      if (name.equals("--proxy-only")) {
        audit = false;
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
          default -> throw new IllegalArgumentException("unknown option '" + name
              + "' (allowed: --har-mb, --body-gb, --requests, --connections, --dir, --no-proxy, --proxy-only)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number, not '" + value + "'");
      }
    }
    return new BenchOptions(har, body, requests, connections, dir, proxies, audit);
  }
}
