package io.phonehome.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.Route;
import io.phonehome.simulator.firmware.TlsTrust;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class LoopbackSinkIT {
  private LoopbackSink sink;
  private HandsetNetwork network;

  @BeforeClass
  public void start() throws Exception {
    sink = new LoopbackSink();
    sink.start();
    FirmwareProfile profile = new FirmwareProfile(Path.of("t.yaml"),
        new FirmwareProfile.Build("T", "Brand/prod/dev:9/ID/1:user/release-keys"), Map.of(), Map.of(), List.of());
    network = new HandsetNetwork(new PhoneState(profile, Identity.empty()), sink);
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  public void listens_on_loopback_and_answers_http_with_200() throws Exception {
    assertThat(sink.port()).isPositive();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
      OutputStream out = s.getOutputStream();
      out.write("POST /x HTTP/1.1\r\nHost: data.example.com:8080\r\nContent-Length: 3\r\n\r\nabc"
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK\r\n");
    }
    Await.until("the sink to log the request", Duration.ofSeconds(5),
        () -> sink.received().stream().anyMatch(r -> r.host().equals("data.example.com")));
    SinkRecord r = sink.received().stream().filter(x -> x.host().equals("data.example.com")).findFirst().orElseThrow();
    assertThat(r.tls()).isFalse();
    assertThat(r.requestLine()).isEqualTo("POST /x HTTP/1.1");
    assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).endsWith("\r\n\r\nabc");
  }

  @Test
  public void speaks_tls_and_logs_the_sni_host_and_decrypted_request() throws Exception {
    HttpRequest req = new HttpRequest("POST", Url.parse("https://api.account.xiaomi.com/pass/v3/activate"),
        List.of(Map.entry("Content-Type", "text/plain")), "imei=861234567890123".getBytes(StandardCharsets.UTF_8));
    HttpResponse resp = network.send(req, Route.DIRECT, TlsTrust.PINNED);
    assertThat(resp.status()).isEqualTo(200);
    SinkRecord r = sink.received().stream().filter(x -> x.host().equals("api.account.xiaomi.com"))
        .findFirst().orElseThrow();
    assertThat(r.tls()).isTrue();
    assertThat(r.requestLine()).isEqualTo("POST /pass/v3/activate HTTP/1.1");
    assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).endsWith("imei=861234567890123");
  }

  @Test
  public void a_paced_tls_upload_outlasts_the_sinks_read_timeout() throws Exception {
    SinkIdentity.get();
    HttpRequest req = new HttpRequest("POST", Url.parse("https://backup.example.com/slow"),
        List.of(Map.entry("Content-Type", "text/plain")), "imei=861234567890123&pad=xxxxxxxxxxxxxxx".getBytes(StandardCharsets.UTF_8),
        10);
    long t0 = System.nanoTime();
    HttpResponse resp = network.send(req, Route.DIRECT, TlsTrust.PINNED);
    // 40 bytes at 10 B/s: about 4 s, longer than the sink's 3 s read timeout, which counts per read
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(3500));
    assertThat(resp.status()).isEqualTo(200);
    SinkRecord r = sink.received().stream().filter(x -> x.host().equals("backup.example.com")).findFirst().orElseThrow();
    assertThat(r.tls()).isTrue();
    assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).endsWith("\r\n\r\nimei=861234567890123&pad=xxxxxxxxxxxxxxx");
  }

  @Test
  public void keeps_bytes_that_are_not_http_from_a_client_that_waits_for_an_answer() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(new byte[] {0x00, 0x01, 'p', 'u', 's', 'h'});
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
    }
    assertThat(sink.received()).anySatisfy(r -> assertThat(r.bytes()).containsExactly(0x00, 0x01, 'p', 'u', 's', 'h'));
  }
}
