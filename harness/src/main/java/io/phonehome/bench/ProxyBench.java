package io.phonehome.bench;

import com.sun.net.httpserver.HttpServer;
import io.phonehome.capture.CaptureMode;
import io.phonehome.capture.MitmProxy;
import io.phonehome.capture.MitmProxyOptions;
import io.phonehome.device.Tools;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.io.OutputStream;
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
 * alternating slices, so that other work on the machine slows both alike.
 */
final class ProxyBench {
  private static final int WARM_UP = 100;
  private static final int SLICES = 6;

  /** A plain mitmdump and the port it was told to listen on. */
  private record Plain(Process process, int port) {}

  /**
   * @param plain the load through mitmdump alone
   * @param bridge the load through mitmdump with the bridge
   * @param received flows the harness received from the bridge, warm-up included
   * @param sentToBridge requests sent through the bridge, warm-up included
   */
  record Result(LoadClient.Outcome plain, LoadClient.Outcome bridge, int received, int sentToBridge) {
    double ratio() {
      return bridge.rate() / plain.rate();
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
      try {
        int plainPort = awaitListening(plain, Duration.ofSeconds(30));
        proxy.start();
        LoadClient plainClient = new LoadClient(plainPort, upstreamPort);
        LoadClient bridgeClient = new LoadClient(proxy.port(), upstreamPort);
        plainClient.run(WARM_UP, connections, 0);
        LoadClient.Outcome warm = bridgeClient.run(WARM_UP, connections, 0);
        // alternate slices of the load, so that whatever else the machine does in the
        // meantime weighs on both proxies alike
        LoadClient.Outcome plainTotal = new LoadClient.Outcome(0, 0, 0);
        LoadClient.Outcome bridgeTotal = new LoadClient.Outcome(0, 0, 0);
        int sent = 0;
        for (int slice = 0; slice < SLICES; slice++) {
          int count = requests / SLICES + (slice < requests % SLICES ? 1 : 0);
          plainTotal = plainTotal.plus(plainClient.run(count, connections, WARM_UP + sent));
          bridgeTotal = bridgeTotal.plus(bridgeClient.run(count, connections, WARM_UP + sent));
          sent += count;
        }
        int toBridge = warm.sent() + bridgeTotal.sent();
        proxy.capture().awaitFlowCount(toBridge, Duration.ofSeconds(60));
        proxy.capture().awaitIdle(Duration.ofMillis(500), Duration.ofSeconds(30));
        int received = (int) proxy.capture().flows().stream().filter(f -> f.url().contains("/bench/")).count();
        return new Result(plainTotal, bridgeTotal, received, toBridge);
      } finally {
        proxy.stop();
        Processes.terminate(plain.process(), Duration.ofSeconds(5));
      }
    } finally {
      upstream.stop(0);
      pool.shutdownNow();
    }
  }

  /** Plain mitmdump with the same options the harness gives it, minus the bridge. */
  private static Plain startPlain(Path lab, Path work) throws IOException {
    Path dir = Files.createDirectories(work.resolve("plain"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path mitmdump = Tools.onPath("mitmdump")
        .orElseThrow(() -> new IOException("mitmdump not found: install it with: apt-get install mitmproxy"));
    List<String> command = new ArrayList<>(List.of(mitmdump.toString(),
        "--listen-host", "127.0.0.1", "-p", Integer.toString(port),
        "--set", "confdir=" + lab.resolve("mitmproxy").toAbsolutePath(),
        "--set", "connection_strategy=lazy", "--set", "upstream_cert=false",
        "-w", dir.resolve("mitmdump.flows").toAbsolutePath().toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
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
