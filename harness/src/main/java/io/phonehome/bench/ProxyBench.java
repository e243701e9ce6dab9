package io.phonehome.bench;

import com.sun.net.httpserver.HttpServer;
import io.phonehome.capture.CaptureMode;
import io.phonehome.capture.MitmProxy;
import io.phonehome.capture.MitmProxyOptions;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests per second through plain {@code mitmdump} and through {@code mitmdump} with the
 * bridge addon as the harness runs it ({@link MitmProxy}), both as regular proxies in
 * front of the same HTTP server on loopback, and how many flows the harness received.
 *
 * <p>The bridge's sinkhole mode answers in the addon and opens no upstream connection,
 * so it does different work from a plain proxy; passthrough to a loopback server is the
 * fair peer: both proxies parse, forward and relay the same requests, and the only
 * difference is the addon (plus the harness reading its events). Both write a mitmproxy
 * flow file ({@code -w}), as the harness does. Both run at once and take the load in
 * short alternating slices, in pairs whose order alternates (plain first, then bridge
 * first), so that other work on the machine and any drift weigh on both alike. After a
 * bridge slice the bench waits, untimed, until the harness holds every request and response
 * of it, so that the harness's reading never overlaps a slice of plain mitmdump; the CPU it
 * used until then is counted. The client connections stay open across slices.
 */
final class ProxyBench {
  private static final int WARM_UP = 100;
  /** Requests per slice, about 0.3 s of load on a 2-core machine. */
  private static final int SLICE = 150;
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /** A plain mitmdump and the port it was told to listen on. */
  private record Plain(Process process, int port) {}

  /**
   * What one proxy did over all its slices.
   *
   * @param load the requests, answers and wall time, summed over the slices
   * @param cpuSeconds the CPU time its mitmdump process used during its slices
   */
  record Side(LoadClient.Outcome load, double cpuSeconds) {
    Side plus(LoadClient.Outcome slice, double cpu) {
      return new Side(load.plus(slice), cpuSeconds + cpu);
    }

    /** Microseconds of mitmdump CPU per answered request. */
    double cpuPerRequestMicros() {
      return cpuSeconds * 1e6 / Math.max(1, load.ok());
    }
  }

  /**
   * @param plain mitmdump alone
   * @param bridge mitmdump with the bridge
   * @param pairRatios bridge rate / plain rate of each pair of slices, in order
   * @param readerCpuSeconds CPU time of the harness thread that reads and parses the bridge's
   *     events, during the bridge's slices; -1 when it could not be measured
   * @param received flows the harness received from the bridge, warm-up included
   * @param sentToBridge requests sent through the bridge, warm-up included
   */
  record Result(Side plain, Side bridge, List<Double> pairRatios, double readerCpuSeconds,
      int received, int sentToBridge) {
    Result {
      pairRatios = List.copyOf(pairRatios);
    }

    /** Total bridge rate / total plain rate. */
    double ratio() {
      return bridge.load().rate() / plain.load().rate();
    }

    /** The median of the per-pair ratios: a figure a burst of other work hardly moves. */
    double medianPairRatio() {
      List<Double> sorted = pairRatios.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double minPairRatio() {
      return pairRatios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double maxPairRatio() {
      return pairRatios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Microseconds of harness reader CPU per flow the bridge carried; -1 when unknown. */
    double readerCpuPerRequestMicros() {
      return readerCpuSeconds < 0 ? -1 : readerCpuSeconds * 1e6 / Math.max(1, bridge.load().ok());
    }
  }

  private ProxyBench() {}

  static Result run(int requests, int connections, Path work) throws IOException, InterruptedException, StartException {
    Path lab = Files.createDirectories(work.resolve("lab"));
    // without it the JDK server writes headers and body in two segments, and Nagle plus
    // delayed ACKs hold every answer for 40 ms: the proxies would both look slow
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    upstream.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, ok.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(ok);
      }
    });
    upstream.setExecutor(pool);
    upstream.start();
    int upstreamPort = upstream.getAddress().getPort();
    try {
      // the CA is created on the first start; do it outside the timed runs
      MitmProxy.ensureLabCa(lab);
      Plain plain = startPlain(lab, work);
      MitmProxy proxy = new MitmProxy(MitmProxyOptions.of("bench", lab, work.resolve("bridge"),
          CaptureMode.PASSTHROUGH));
      LoadClient plainClient = null;
      LoadClient bridgeClient = null;
      try {
        int plainPort = awaitListening(plain, Duration.ofSeconds(30));
        proxy.start();
        ProcessHandle plainProcess = plain.process().toHandle();
        ProcessHandle bridgeProcess = proxy.pid().flatMap(ProcessHandle::of)
            .orElseThrow(() -> new IOException("mitmdump with the bridge is not running"));
        Thread reader = thread("phonehome-bridge-bench");
        plainClient = new LoadClient(plainPort, upstreamPort);
        bridgeClient = new LoadClient(proxy.port(), upstreamPort);
        plainClient.run(WARM_UP, connections, 0);
        int toBridge = bridgeClient.run(WARM_UP, connections, 0).sent();
        settle(proxy, toBridge);

        int pairs = Math.max(1, (requests + SLICE - 1) / SLICE);
        Side plainSide = new Side(new LoadClient.Outcome(0, 0, 0), 0);
        Side bridgeSide = new Side(new LoadClient.Outcome(0, 0, 0), 0);
        List<Double> ratios = new ArrayList<>();
        double readerCpu = 0;
        int sent = 0;
        for (int pair = 0; pair < pairs; pair++) {
          int count = requests / pairs + (pair < requests % pairs ? 1 : 0);
          int firstId = WARM_UP + sent;
          LoadClient.Outcome p = null;
          LoadClient.Outcome b = null;
          double plainCpu = 0;
          double bridgeCpu = 0;
          // plain first in even pairs, bridge first in odd ones: neither always follows the other
          for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == (pair % 2 == 0)) {
              double cpu0 = cpuSeconds(plainProcess);
              p = plainClient.run(count, connections, firstId);
              plainCpu = cpuSeconds(plainProcess) - cpu0;
            } else {
              double cpu0 = cpuSeconds(bridgeProcess);
              long reader0 = threadCpuNanos(reader);
              b = bridgeClient.run(count, connections, firstId);
              toBridge += b.sent();
              // not timed: no slice of either proxy may start while the harness still
              // reads this one's events, but its CPU (the reader's too) counts
              settle(proxy, toBridge);
              bridgeCpu = cpuSeconds(bridgeProcess) - cpu0;
              readerCpu += (threadCpuNanos(reader) - reader0) / 1e9;
            }
          }
          plainSide = plainSide.plus(p, plainCpu);
          bridgeSide = bridgeSide.plus(b, bridgeCpu);
          ratios.add(b.rate() / p.rate());
          sent += count;
        }
        int received = (int) proxy.capture().flows().stream().filter(f -> f.url().contains("/bench/")).count();
        return new Result(plainSide, bridgeSide, ratios, reader == null ? -1 : readerCpu, received, toBridge);
      } finally {
        if (plainClient != null) {
          plainClient.close();
        }
        if (bridgeClient != null) {
          bridgeClient.close();
        }
        proxy.stop();
        Processes.terminate(plain.process(), Duration.ofSeconds(5));
      }
    } finally {
      upstream.stop(0);
      pool.shutdownNow();
    }
  }

  /** Waits until the harness holds every flow sent so far, each with its response or error. */
  private static void settle(MitmProxy proxy, int flows) throws InterruptedException, IOException {
    if (!proxy.capture().awaitSettled(flows, SETTLE)) {
      throw new IOException("the harness received " + proxy.capture().size() + " of " + flows
          + " flows from the bridge (" + proxy.capture().pending() + " without their response) within "
          + SETTLE.toSeconds() + " s");
    }
  }

  private static double cpuSeconds(ProcessHandle process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElse(null);
  }

  private static long threadCpuNanos(Thread thread) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (thread == null || !threads.isThreadCpuTimeSupported()) {
      return 0;
    }
    return Math.max(0, threads.getThreadCpuTime(thread.getId()));
  }

  /** Plain mitmdump with the same options the harness gives it, minus the bridge. */
  private static Plain startPlain(Path lab, Path work) throws IOException {
    Path dir = Files.createDirectories(work.resolve("plain"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path mitmdump = Program.MITMDUMP.onPath()
        .orElseThrow(() -> new IOException("mitmdump not found: install it with: apt-get install mitmproxy"));
    List<String> command = new ArrayList<>(List.of(
        "--listen-host", "127.0.0.1", "-p", Integer.toString(port),
        "--set", "confdir=" + lab.resolve("mitmproxy").toAbsolutePath(),
        "--set", "connection_strategy=lazy", "--set", "upstream_cert=false",
        "-w", dir.resolve("mitmdump.flows").toAbsolutePath().toString()));
    Process process = Program.MITMDUMP.command(mitmdump, command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mitmdump.log").toFile()).start();
    return new Plain(process, port);
  }

  private static int awaitListening(Plain plain, Duration timeout) throws IOException, InterruptedException {
    Process process = plain.process();
    int port = plain.port();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mitmdump exited with status " + process.exitValue() + " before listening on " + port);
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return port;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("mitmdump did not listen on 127.0.0.1:" + port + " within " + timeout.toSeconds() + " s");
  }
}
