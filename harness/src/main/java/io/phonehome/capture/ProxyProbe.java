package io.phonehome.capture;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Proof that a phone reaches its capture proxy: its proxy setting still names the proxy,
 * and the phone itself sends a request for a lab URL to that address ({@code nc} in its shell, which toybox
 * has on Android 6 and later), and the bridge must report that request. A phone that
 * cannot reach the proxy (a {@code proxy-host} only the lab host can use, such as
 * {@code 0.0.0.0}; a firewall; the phone on another Wi-Fi) sends nothing the proxy sees,
 * and a window of silence would otherwise pass as clean.
 *
 * <p>The bridge answers requests for {@link #HOST} itself in every mode, so a probe never
 * leaves the lab. Probes are kept in the capture as evidence and left out of verdicts:
 * only the exact URLs this probe sent count as its own.
 *
 * <pre>{@code
 * ProxyProbe probe = new ProxyProbe("virtual-leaky", phone::shell, "127.0.0.1", 8080, proxy.capture());
 * probe.check(Duration.ofSeconds(20)).ifPresent(why -> { throw new StartException(why); });
 * }</pre>
 */
public final class ProxyProbe {
  /** The lab URL's host; {@code .invalid} never resolves anywhere (RFC 2606). */
  public static final String HOST = "probe.phonehome.invalid";
  /** How long the bridge may take to report a probe the proxy got. */
  private static final Duration BRIDGE_WAIT = Duration.ofSeconds(2);
  private static final Duration MIN_BRIDGE_WAIT = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final String device;
  private final Function<String, String> shell;
  private final String proxyHost;
  private final int port;
  private final Capture capture;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  /** {@code shell} runs a command line on the phone and returns what it printed. */
  public ProxyProbe(String device, Function<String, String> shell, String proxyHost, int port, Capture capture) {
    this.device = device.replaceAll("[^A-Za-z0-9-]", "-");
    this.shell = shell;
    this.proxyHost = proxyHost;
    this.port = port;
    this.capture = capture;
  }

  /**
   * Sends probes until the bridge reports one or {@code timeout} passes (the phone's
   * network comes up a few seconds after a boot). Empty when the phone reached the
   * proxy; else why not, one line.
   */
  public Optional<String> check(Duration timeout) throws InterruptedException {
    String expected = proxyHost + ":" + port;
    String setting;
    try {
      setting = shell.apply("settings get global http_proxy").strip();
    } catch (RuntimeException e) {
      setting = "unreadable: " + e.getMessage();
    }
    if (!setting.equals(expected)) {
      return Optional.of("the phone's proxy setting is '" + setting + "', not the capture proxy at " + expected
          + " (something on the phone changed or lost it)");
    }
    String url = "http://" + HOST + "/" + device + "/" + UUID.randomUUID();
    sent.add(url);
    String command = "echo -ne 'GET " + url + " HTTP/1.1\\r\\nHost: " + HOST
        + "\\r\\nConnection: close\\r\\n\\r\\n' | nc -w 5 " + proxyHost + " " + port + " 2>&1";
    long deadline = System.nanoTime() + timeout.toNanos();
    String answer;
    while (true) {
      try {
        answer = shell.apply(command).strip();
      } catch (RuntimeException e) {
        answer = String.valueOf(e.getMessage());
      }
      long left = deadline - System.nanoTime();
      Duration wait = Duration.ofNanos(Math.max(MIN_BRIDGE_WAIT.toNanos(), Math.min(BRIDGE_WAIT.toNanos(), left)));
      if (capture.awaitFlow(f -> f.url().equals(url), wait).isPresent()) {
        return Optional.empty();
      }
      if (System.nanoTime() >= deadline) {
        break;
      }
      Thread.sleep(RETRY_PAUSE.toMillis());
    }
    String first = answer.lines().findFirst().orElse("");
    return Optional.of("the phone cannot reach the capture proxy at " + proxyHost + ":" + port + " ("
        + (first.isEmpty() ? "the proxy never saw the phone's probe" : "its probe got: " + first)
        + "; lab.proxy-host in devices.yaml must be an address of the lab host that the phone can reach)");
  }

  /** The proxy address the phone is set to use. */
  public String proxyHost() {
    return proxyHost;
  }

  /** Whether a flow is one of this probe's own requests, not the phone's traffic. */
  public boolean isProbe(Flow flow) {
    return sent.contains(flow.url());
  }
}
