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
 * flow file ({@code -w}), as the harness does.
 */
final class ProxyBench {
  private static final int WARM_UP = 100;

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
      LoadClient.Outcome plain = plainRun(requests, connections, upstreamPort, lab, work);
      MitmProxy proxy = new MitmProxy(MitmProxyOptions.of("bench", lab, work.resolve("bridge"),
          CaptureMode.PASSTHROUGH));
      try {
        proxy.start();
        LoadClient client = new LoadClient(proxy.port(), upstreamPort);
        LoadClient.Outcome warm = client.run(WARM_UP, connections, 0);
        LoadClient.Outcome bridge = client.run(requests, connections, WARM_UP);
        int sent = warm.sent() + bridge.sent();
        proxy.capture().awaitFlowCount(sent, Duration.ofSeconds(60));
        proxy.capture().awaitIdle(Duration.ofMillis(500), Duration.ofSeconds(30));
        int received = (int) proxy.capture().flows().stream().filter(f -> f.url().contains("/bench/")).count();
        return new Result(plain, bridge, received, sent);
      } finally {
        proxy.stop();
      }
    } finally {
      upstream.stop(0);
      pool.shutdownNow();
    }
  }

  private static LoadClient.Outcome plainRun(int requests, int connections, int upstreamPort, Path lab, Path work)
      throws IOException, InterruptedException {
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
    try {
      awaitListening(process, port, Duration.ofSeconds(30));
      LoadClient client = new LoadClient(port, upstreamPort);
      client.run(WARM_UP, connections, 0);
      return client.run(requests, connections, WARM_UP);
    } finally {
      Processes.terminate(process, Duration.ofSeconds(5));
    }
  }

  private static void awaitListening(Process process, int port, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mitmdump exited with status " + process.exitValue() + " before listening on " + port);
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("mitmdump did not listen on 127.0.0.1:" + port + " within " + timeout.toSeconds() + " s");
  }
}
