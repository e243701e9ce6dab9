package io.phonehome.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.Route;
import io.phonehome.simulator.firmware.TlsTrust;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** Requests with an upload rate, sent through a proxy that is a plain socket on 127.0.0.1 and notes when bytes arrive. */
public class PacedUploadTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private SlowProxy proxy;
  private HandsetNetwork network;

  /** Takes one connection: notes when the head and each body read arrived, then answers 200 once the body is in. */
  private static final class SlowProxy implements AutoCloseable {
    final ServerSocket server = new ServerSocket();
    volatile String head;
    volatile long headAtNanos;
    volatile int bodyBytes;
    volatile long firstBodyAtNanos;
    volatile long bodyDoneAtNanos;
    volatile boolean ended;
    private final Thread thread;

    SlowProxy() throws IOException {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread = new Thread(this::serve, "test-slow-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      try (Socket s = server.accept()) {
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        head = HttpWire.latin1(HttpWire.readHead(in, HttpWire.MAX_HEAD));
        headAtNanos = System.nanoTime();
        int length = Integer.parseInt(HttpWire.header(head, "Content-Length"));
        byte[] buf = new byte[8192];
        while (bodyBytes < length) {
          int n = in.read(buf);
          if (n < 0) {
            return;
          }
          if (bodyBytes == 0) {
            firstBodyAtNanos = System.nanoTime();
          }
          bodyBytes += n;
        }
        bodyDoneAtNanos = System.nanoTime();
        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (IOException e) {
        // the handset hung up (aborted): what arrived is noted
      } finally {
        ended = true;
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  @BeforeMethod
  public void start() throws Exception {
    proxy = new SlowProxy();
    FirmwareProfile profile = new FirmwareProfile(Path.of("t.yaml"),
        new FirmwareProfile.Build("T", "Brand/prod/dev:9/ID/1:user/release-keys"), Map.of(), Map.of(), List.of());
    PhoneState state = new PhoneState(profile, Identity.empty());
    state.settings().put("global", "http_proxy", "127.0.0.1:" + proxy.port());
    network = new HandsetNetwork(state, new LoopbackSink());
  }

  @AfterMethod(alwaysRun = true)
  public void stop() throws Exception {
    network.abortAll();
    proxy.close();
  }

  private static HttpRequest upload(int bytes, long rate) {
    byte[] body = new byte[bytes];
    Arrays.fill(body, (byte) 'x');
    return new HttpRequest("POST", Url.parse("http://upload.example.com/big"),
        List.of(Map.entry("Content-Type", "application/octet-stream")), body, rate);
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  @Test
  public void sends_the_head_at_once_and_the_body_at_the_rate() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse response = network.send(upload(100, 200), Route.PROXY, TlsTrust.TRUSTS_USER_CA);
    long done = System.nanoTime();

    assertThat(response.status()).isEqualTo(200);
    assertThat(proxy.head).startsWith("POST http://upload.example.com/big HTTP/1.1\r\n").contains("\r\nContent-Length: 100\r\n");
    assertThat(proxy.bodyBytes).isEqualTo(100);
    assertThat(millis(t0, proxy.headAtNanos)).as("head after send began, ms").isLessThan(1_000);
    assertThat(millis(proxy.headAtNanos, proxy.firstBodyAtNanos)).as("first body bytes after the head, ms")
        .isGreaterThanOrEqualTo(50);
    // 100 bytes at 200 B/s: about 500 ms
    assertThat(millis(proxy.headAtNanos, proxy.bodyDoneAtNanos)).as("body after the head, ms")
        .isGreaterThanOrEqualTo(300).isLessThan(5_000);
    assertThat(millis(t0, done)).isLessThan(8_000);
  }

  @Test
  public void an_unpaced_request_sends_head_and_body_together() throws Exception {
    HttpResponse response = network.send(upload(100, 0), Route.PROXY, TlsTrust.TRUSTS_USER_CA);
    assertThat(response.status()).isEqualTo(200);
    assertThat(proxy.bodyBytes).isEqualTo(100);
    assertThat(millis(proxy.headAtNanos, proxy.bodyDoneAtNanos)).isLessThan(250);
  }

  @Test
  public void abort_all_ends_a_paced_upload_at_once() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread sender = new Thread(() -> {
      try {
        network.send(upload(10_000, 100), Route.PROXY, TlsTrust.TRUSTS_USER_CA);
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "test-sender");
    sender.setDaemon(true);
    sender.start();
    Await.until("the first body bytes", WAIT, () -> proxy.bodyBytes > 0);

    long t0 = System.nanoTime();
    network.abortAll();
    sender.join(WAIT.toMillis());
    assertThat(sender.isAlive()).isFalse();
    assertThat(millis(t0, System.nanoTime())).as("ms until the upload ended").isLessThan(1_000);
    assertThat(failure.get()).isInstanceOf(UploadFailure.class).hasMessageContaining("upload.example.com");
    Await.until("the proxy to see the hang-up", WAIT, () -> proxy.ended);
    assertThat(proxy.bodyBytes).isBetween(1, 9_999);
    assertThat(proxy.bodyDoneAtNanos).isZero();
  }

  @Test
  public void an_interrupt_ends_a_paced_upload() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread sender = new Thread(() -> {
      try {
        network.send(upload(10_000, 1), Route.PROXY, TlsTrust.TRUSTS_USER_CA);
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "test-sender");
    sender.setDaemon(true);
    sender.start();
    Await.until("the head", WAIT, () -> proxy.head != null);

    long t0 = System.nanoTime();
    sender.interrupt();
    sender.join(WAIT.toMillis());
    assertThat(sender.isAlive()).isFalse();
    assertThat(millis(t0, System.nanoTime())).as("ms until the upload ended").isLessThan(1_000);
    assertThat(failure.get()).isInstanceOf(UploadFailure.class).hasMessageContaining("interrupted");
    Await.until("the proxy to see the hang-up", WAIT, () -> proxy.ended);
    assertThat(proxy.bodyDoneAtNanos).isZero();
  }
}
