package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** Runs the real mitmdump with the bridge, in sinkhole mode: nothing leaves loopback. */
public class MitmProxyIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Path workDir;
  private Path labDir;
  private MitmProxy proxy;

  @BeforeClass
  public void startProxy() throws Exception {
    workDir = Files.createTempDirectory("phonehome-capture-it");
    labDir = workDir.resolve("lab");
    proxy = new MitmProxy(MitmProxyOptions.of("it", labDir, workDir.resolve("evidence"),
        CaptureMode.SINKHOLE));
    proxy.start();
  }

  @AfterClass(alwaysRun = true)
  public void stopProxy() throws IOException {
    if (proxy != null) {
      proxy.stop();
    }
    if (workDir != null) {
      try (Stream<Path> paths = Files.walk(workDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private HttpClient client(SSLContext ssl) {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private SSLContext trustingLabCa() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(proxy.caCertificate())) {
      trust.setCertificateEntry("phonehome-lab",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  private Flow awaitCompleted(String url) throws InterruptedException {
    Optional<Flow> flow = proxy.capture().awaitCompletedFlow(f -> f.url().equals(url), WAIT);
    assertThat(flow).as("flow for %s in %s", url, proxy.capture().flows()).isPresent();
    return flow.get();
  }

  @Test
  public void captures_a_plain_http_post_with_exact_body_and_headers() throws Exception {
    String url = "http://api.phonehome.invalid/pass/v3/activate?src=it";
    byte[] body = "imei=861234567890123&n=%2B886912345678".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer = client(SSLContext.getDefault()).send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Device", "virtual-leaky")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    Flow flow = awaitCompleted(url);
    assertThat(flow.channel()).isEqualTo(Channel.PROXY);
    assertThat(flow.method()).isEqualTo("POST");
    assertThat(flow.host()).isEqualTo("api.phonehome.invalid");
    assertThat(flow.requestBody()).isEqualTo(body);
    assertThat(flow.requestHeader("x-device")).contains("virtual-leaky");
    assertThat(flow.requestHeader("Content-Type")).contains("application/x-www-form-urlencoded");
    assertThat(flow.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  public void reports_an_upload_still_arriving_at_a_checkpoint_and_keeps_it_when_cut_short() throws Exception {
    String url = "http://up.phonehome.invalid/big";
    String arrived = "imei=861234567890123&blob=";
    try (java.net.Socket phone = new java.net.Socket("127.0.0.1", proxy.port())) {
      phone.getOutputStream().write(("POST " + url + " HTTP/1.1\r\nHost: up.phonehome.invalid\r\n"
          + "Content-Length: 5000\r\n\r\n" + arrived).getBytes(StandardCharsets.US_ASCII));
      phone.getOutputStream().flush();
      // the head and the first bytes must have reached mitmdump before the window closes
      Thread.sleep(500);

      assertThat(proxy.checkpoint(WAIT)).isEmpty();

      Flow flow = proxy.capture().flows().stream().filter(f -> f.url().equals(url)).findFirst().orElseThrow();
      assertThat(new String(flow.requestBody(), StandardCharsets.US_ASCII)).isEqualTo(arrived);
      assertThat(flow.incomplete())
          .contains("upload still in flight when the window closed: 26 of 5000 bytes arrived");
      assertThat(proxy.capture().flows()).filteredOn(proxy::isCheckpoint).hasSize(1);
    }
    // the phone gave up: the flow stays, cut short, with the error mitmproxy saw
    Optional<Flow> cut = proxy.capture().awaitFlow(f -> f.url().equals(url) && f.error().isPresent(), WAIT);
    assertThat(cut).hasValueSatisfying(f ->
        assertThat(f.incomplete()).contains("upload cut short: 26 of 5000 bytes arrived"));
    // nothing else (the CONNECT of an https test, say) counts as an upload in flight
    assertThat(proxy.capture().flows()).filteredOn(f -> f.incomplete().isPresent())
        .extracting(Flow::url).containsExactly(url);
    assertThat(proxy.capture().inFlight()).isZero();
  }

  @Test
  public void decrypts_https_to_an_unresolvable_host_when_the_lab_ca_is_trusted()
      throws Exception {
    String url = "https://api.phonehome.invalid/x";
    byte[] body = "{\"imei\":\"861234567890123\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer = client(trustingLabCa()).send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    Flow flow = awaitCompleted(url);
    assertThat(flow.channel()).isEqualTo(Channel.PROXY);
    assertThat(flow.requestBody()).isEqualTo(body);
    assertThat(flow.host()).isEqualTo("api.phonehome.invalid");
  }

  @Test
  public void reports_tls_the_client_refused_as_tls_refused_with_its_sni() throws Exception {
    String host = "pinned.phonehome.invalid";

    Throwable refused = catchThrowable(() -> client(SSLContext.getDefault()).send(
        HttpRequest.newBuilder(URI.create("https://" + host + "/upload"))
            .POST(HttpRequest.BodyPublishers.ofString("imei=861234567890123")).build(),
        HttpResponse.BodyHandlers.discarding()));

    assertThat(refused).isInstanceOf(SSLHandshakeException.class);
    Optional<Flow> flow = proxy.capture().awaitFlow(
        f -> f.channel() == Channel.TLS_REFUSED && f.host().equals(host), WAIT);
    assertThat(flow).as("flows: %s", proxy.capture().flows()).hasValueSatisfying(f -> {
      assertThat(f.url()).isEqualTo("https://" + host + ":443");
      assertThat(f.method()).isEmpty();
      assertThat(f.requestBody()).isEmpty();
      assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).contains(host));
    });
  }

  @Test
  public void keeps_a_gzip_body_as_the_gzip_bytes_on_the_wire() throws Exception {
    String url = "http://api.phonehome.invalid/gz";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("contacts=+886922000111,+886933000222".getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = gz.toByteArray();

    client(SSLContext.getDefault()).send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding());

    Flow flow = awaitCompleted(url);
    assertThat(flow.requestBody()).isEqualTo(body);
    assertThat(flow.requestHeader("Content-Encoding")).contains("gzip");
  }

  @Test
  public void keeps_the_flow_file_and_log_as_evidence() throws Exception {
    String url = "http://api.phonehome.invalid/evidence";
    client(SSLContext.getDefault()).send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding());
    awaitCompleted(url);

    assertThat(proxy.flowFile()).isRegularFile();
    assertThat(proxy.logFile()).isRegularFile();
    assertThat(proxy.caCertificate()).isRegularFile()
        .isEqualTo(labDir.resolve("mitmproxy/mitmproxy-ca-cert.pem"));
    assertThat(proxy.capture().malformedEvents()).isZero();
  }

  @Test
  public void takes_in_spooled_events_when_the_bridge_connection_broke() throws Exception {
    MitmProxy own = new MitmProxy(MitmProxyOptions.of("spool", labDir,
        workDir.resolve("ev-spool"), CaptureMode.SINKHOLE));
    try {
      own.start();
      own.dropBridgeConnection();
      String url = "http://api.phonehome.invalid/while-disconnected";
      HttpClient http = HttpClient.newBuilder()
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", own.port())))
          .version(HttpClient.Version.HTTP_1_1).build();

      http.send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString("imei=861234567890123")).build(),
          HttpResponse.BodyHandlers.discarding());
      own.stop();

      assertThat(own.spoolFile()).isRegularFile();
      assertThat(own.capture().flows()).singleElement().satisfies(f -> {
        assertThat(f.url()).isEqualTo(url);
        assertThat(f.response()).isPresent();
      });
      assertThat(Files.readString(own.logFile())).contains("spooling events to");
    } finally {
      own.stop();
    }
  }

  @Test
  public void stop_leaves_no_mitmdump_running_and_is_safe_twice() throws Exception {
    Path lab = workDir.resolve("lab-stop");
    MitmProxy own = new MitmProxy(MitmProxyOptions.of("stop", lab, workDir.resolve("ev-stop"),
        CaptureMode.SINKHOLE));
    try {
      own.start();
      long pid = own.pid().orElseThrow();
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

      assertThat(own.isRunning()).isTrue();

      own.stop();
      own.stop();

      assertThat(own.isRunning()).isFalse();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(pgrep(lab.resolve("mitmproxy").toAbsolutePath().toString())).isEmpty();
    } finally {
      own.stop();
    }
  }

  @Test
  public void refuses_a_bad_mode_naming_the_problem() {
    MitmProxy bogus = new MitmProxy(MitmProxyOptions.of("bogus", labDir,
        workDir.resolve("ev-bogus"), CaptureMode.SINKHOLE), "bogus");
    try {
      assertThatThrownBy(bogus::start)
          .isInstanceOf(StartException.class)
          .hasMessageContaining("phonehome_mode must be one of sinkhole, passthrough, not 'bogus'");
    } finally {
      bogus.stop();
    }
    assertThat(bogus.pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  public void says_mitmdump_exited_with_its_status_and_last_log_lines() {
    MitmProxy broken = new MitmProxy(MitmProxyOptions.of("broken", labDir,
        workDir.resolve("ev-broken"), CaptureMode.SINKHOLE)
        .withSet("stream_large_bodies=not-a-size"));
    try {
      assertThatThrownBy(broken::start)
          .isInstanceOf(StartException.class)
          .hasMessageStartingWith("mitmdump exited with status 1: ")
          .hasMessageContaining("stream_large_bodies")
          .satisfies(e -> assertThat(((StartException) e).details()).contains("command: "));
    } finally {
      broken.stop();
    }
  }

  @Test
  public void says_mitmdump_did_not_become_ready_within_the_timeout() {
    MitmProxy slow = new MitmProxy(MitmProxyOptions.of("slow", labDir, workDir.resolve("ev-slow"),
        CaptureMode.SINKHOLE).withStartTimeout(Duration.ofMillis(1)));
    try {
      assertThatThrownBy(slow::start)
          .isInstanceOf(StartException.class)
          .hasMessageStartingWith("mitmdump did not become ready on 127.0.0.1:")
          .hasMessageContaining(" within 1 ms: ");
    } finally {
      slow.stop();
    }
    assertThat(slow.pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  public void forwards_to_a_loopback_upstream_in_passthrough_mode() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", exchange -> {
      byte[] got = exchange.getRequestBody().readAllBytes();
      byte[] answer = ("upstream got " + got.length + " bytes").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(201, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    upstream.start();
    MitmProxy passthrough = new MitmProxy(MitmProxyOptions.of("passthrough", labDir,
        workDir.resolve("ev-passthrough"), CaptureMode.PASSTHROUGH));
    try {
      passthrough.start();
      String url = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/up";
      HttpClient http = HttpClient.newBuilder()
          .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", passthrough.port())))
          .version(HttpClient.Version.HTTP_1_1).build();

      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString("imei=861234567890123")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(201);
      assertThat(answer.body()).isEqualTo("upstream got 20 bytes");
      Optional<Flow> flow = passthrough.capture().awaitCompletedFlow(f -> f.url().equals(url),
          WAIT);
      assertThat(flow).hasValueSatisfying(f -> assertThat(f.response()).hasValueSatisfying(r -> {
        assertThat(r.status()).isEqualTo(201);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
            .isEqualTo("upstream got 20 bytes");
      }));
    } finally {
      passthrough.stop();
      upstream.stop(0);
    }
  }

  @Test
  public void creates_the_lab_ca_before_any_device_is_provisioned() throws Exception {
    Path freshLab = workDir.resolve("lab-fresh");

    Path ca = MitmProxy.ensureLabCa(freshLab);

    assertThat(ca).isRegularFile().isEqualTo(MitmProxy.caCertificate(freshLab));
    assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(pgrep(freshLab.resolve("mitmproxy").toAbsolutePath().toString())).isEmpty();
  }

  private static String pgrep(String pattern) throws Exception {
    Process p = Program.PGREP.command("-f", pattern).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }
}
