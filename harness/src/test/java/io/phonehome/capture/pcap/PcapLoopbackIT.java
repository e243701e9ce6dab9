package io.phonehome.capture.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.pcap.PcapWriter.Format;
import io.phonehome.lifecycle.Program;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The reader against captures the real {@code tcpdump} wrote and read: a loopback capture
 * of an HTTP POST and a TLS ClientHello, and the generated test captures read back by
 * {@code tcpdump -r}.
 */
public class PcapLoopbackIT {
  private static final String BODY = "imei=865555012345678&canary=pcap-loopback-it";
  private static final String SNI = "pinned.phonehome.test";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  public void reader_finds_post_body_and_sni_in_a_real_loopback_capture() throws Exception {
    Path tcpdump = tcpdump();
    Path dir = Files.createTempDirectory("phonehome-pcap-it");
    Path file = dir.resolve("loopback.pcap");
    List<Thread> servers = new ArrayList<>();
    Process capture = null;
    try (ServerSocket http = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        ServerSocket tls = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      servers.add(serve(http, PcapLoopbackIT::answerHttp));
      servers.add(serve(tls, PcapLoopbackIT::hangUpAfterHello));
      List<String> log = new CopyOnWriteArrayList<>();
      capture = Program.TCPDUMP.command(tcpdump, "-i", "lo", "-U", "--immediate-mode",
          "-n", "-Z", "root", "-w", file.toString(),
          "tcp port " + http.getLocalPort() + " or tcp port " + tls.getLocalPort())
          .redirectErrorStream(true).start();
      collect(capture.getInputStream(), log);
      Process p = capture;
      waitFor(() -> log.stream().anyMatch(l -> l.contains("listening on")) || !p.isAlive(),
          "tcpdump to say 'listening on'");
      if (!capture.isAlive()) {
        throw new SkipException("tcpdump could not capture on lo (exit "
            + capture.exitValue() + "): " + String.join(" | ", log));
      }

      String response = post(http.getLocalPort());
      assertThat(response).startsWith("HTTP/1.1 200");
      helloThenFail(tls.getLocalPort());

      // tcpdump -U writes each packet as it comes: wait until both streams are in the file
      waitFor(() -> {
        try {
          PcapResult partial = new PcapReader().read(file);
          return partial.streams().stream().filter(s -> s.serverByteCount() > 0
              || s.clientByteCount() > 0).count() >= 2
              && partial.streams().stream().anyMatch(s -> new String(s.clientBytes(),
                  StandardCharsets.ISO_8859_1).contains(BODY));
        } catch (IOException e) {
          return false;
        }
      }, "both streams in " + file);
      stop(capture);

      PcapResult result = new PcapReader().read(file);
      assertThat(result.problems()).as("problems reading %s", file).isEmpty();
      assertThat(result.streams()).extracting(s -> s.server().port())
          .contains(http.getLocalPort(), tls.getLocalPort());

      List<Flow> flows = PcapFlows.from(result, PcapFilter.none().withTlsRefused());
      Flow post = flows.stream().filter(f -> f.method().equals("POST")).findFirst()
          .orElseThrow(() -> new AssertionError("no POST among " + flows));
      assertThat(post.channel()).isEqualTo(Channel.DIRECT);
      assertThat(post.url()).isEqualTo("http://127.0.0.1:" + http.getLocalPort() + "/upload");
      assertThat(new String(post.requestBody(), StandardCharsets.UTF_8)).isEqualTo(BODY);
      assertThat(post.requestHeader("X-Device")).contains("armani");
      Flow refused = flows.stream().filter(f -> f.channel() == Channel.TLS_REFUSED)
          .findFirst().orElseThrow(() -> new AssertionError("no TLS_REFUSED among " + flows));
      assertThat(refused.host()).isEqualTo(SNI);
      assertThat(refused.url()).isEqualTo("https://" + SNI + ":" + tls.getLocalPort());
    } finally {
      if (capture != null) {
        stop(capture);
      }
      servers.forEach(Thread::interrupt);
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  public void tcpdump_reads_the_generated_captures() throws Exception {
    Path tcpdump = tcpdump();
    Path dir = Files.createTempDirectory("phonehome-pcap-gen");
    List<Path> files = new ArrayList<>();
    try {
      files.add(write(dir, "ethernet.pcap", PcapReaderTest.splitStream(
          new PcapWriter(Format.PCAP_LITTLE_MICROS, 1), Packets::ethernet).bytes()));
      files.add(write(dir, "sll-nanos.pcap", PcapReaderTest.splitStream(
          new PcapWriter(Format.PCAP_BIG_NANOS, 113), Packets::sll).bytes()));
      files.add(write(dir, "raw.pcapng", PcapReaderTest.splitStream(
          new PcapWriter(Format.PCAPNG, 101), b -> b).bytes()));
      PcapWriter v6 = new PcapWriter(Format.PCAPNG, 276);
      v6.packet(Instant.parse("2014-08-10T09:00:00Z"), Packets.sll2(Packets.udp("2001:db8::15",
          5000, "2001:db8::53", 53, Packets.dnsQuery(1, "a.example", 28))));
      files.add(write(dir, "sll2-ipv6.pcapng", v6.bytes()));
      for (Path f : files) {
        Process p = Program.TCPDUMP.command(tcpdump, "-n", "-r", f.toString())
            .redirectErrorStream(true).start();
        String out;
        try {
          out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(p.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
              .as("tcpdump -r %s finished", f).isTrue();
        } finally {
          stop(p);
        }
        assertThat(p.exitValue()).as("tcpdump -r %s said: %s", f, out).isZero();
        assertThat(out).as("tcpdump -r %s", f).doesNotContain("truncated");
      }
    } finally {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static Path tcpdump() {
    return Program.TCPDUMP.onPath().orElseThrow(() ->
        new AssertionError("tcpdump is not installed: ./phonehome test installs it (apt-get install tcpdump)"));
  }

  private interface Handler {
    void handle(Socket s) throws IOException;
  }

  private static Thread serve(ServerSocket server, Handler handler) {
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.setSoTimeout((int) WAIT.toMillis());
          handler.handle(s);
        } catch (IOException e) {
          // closed at the end of the test, or a client that went away
        }
      }
    }, "pcap-it-server-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void answerHttp(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      String text = seen.toString(StandardCharsets.ISO_8859_1);
      if (text.contains("\r\n\r\n") && text.endsWith(BODY)) {
        break;
      }
    }
    OutputStream out = s.getOutputStream();
    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** A server whose certificate the client never sees: it reads the hello and hangs up. */
  private static void hangUpAfterHello(Socket s) throws IOException {
    s.getInputStream().read(new byte[16384]);
  }

  private static String post(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout((int) WAIT.toMillis());
      String request = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nX-Device: armani\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY;
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static void helloThenFail(int port) throws IOException {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(plain, "127.0.0.1", port, true)) {
      tls.setSoTimeout((int) WAIT.toMillis());
      SSLParameters params = tls.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(SNI)));
      tls.setSSLParameters(params);
      tls.startHandshake();
      throw new AssertionError("the handshake with a server that hangs up succeeded");
    } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
      // expected: the server closed after reading the ClientHello
    }
  }

  private static void collect(InputStream in, List<String> lines) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "tcpdump-log");
    t.setDaemon(true);
    t.start();
  }

  private static void waitFor(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + WAIT.toSeconds() + "s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM, so tcpdump flushes and closes the file; SIGKILL if it will not go. */
  private static void stop(Process p) throws InterruptedException {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
