package io.phonehome.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.firmware.Trigger;
import io.phonehome.simulator.net.Await;
import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.net.RecordingProxy;
import io.phonehome.simulator.net.SinkRecord;
import io.phonehome.simulator.net.TestCertificates;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayInputStream;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The firmware runtime against a small recording proxy and the loopback sink, all on 127.0.0.1. */
public class FirmwareRuntimeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CA_FILE = "/5ed36f99.0";
  private static final Identity IDENTITY = new Identity(Map.of(
      "imei", "861234567890123", "phone-number", "+886912345678", "wifi-mac", "ac:f7:f3:12:34:56",
      "carrier", "Chunghwa Telecom"), List.of("+886922000111"));

  private Path tmp;
  private TestCertificates labCa;
  private TestCertificates otherHostCa;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeClass
  public void makeCertificates() throws Exception {
    tmp = Files.createTempDirectory("fw-it");
    Files.createDirectories(tmp.resolve("lab"));
    Files.createDirectories(tmp.resolve("other"));
    labCa = TestCertificates.forHosts(tmp.resolve("lab"), "api.account.xiaomi.com", "tracking.miui.com");
    otherHostCa = TestCertificates.forHosts(tmp.resolve("other"), "other.example.test");
  }

  @AfterMethod(alwaysRun = true)
  public void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }

  @AfterClass(alwaysRun = true)
  public void removeTemp() throws Exception {
    if (tmp != null) {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A running handset (state, sink, runtime) with these services; every upload lands in {@code uploads}. */
  private final class Phone {
    final PhoneState state;
    final LoopbackSink sink = new LoopbackSink();
    final FirmwareRuntime runtime;
    final List<Upload> uploads = new CopyOnWriteArrayList<>();

    Phone(String services, String proxy) throws Exception {
      FirmwareProfile p = ProfileParser.parse(Path.of("it.yaml"), String.join("\n",
          "build:",
          "  display-id: MIUI-V5-2014.08",
          "  fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys",
          "settings:",
          "  secure:cloud_sync: 1",
          "services:",
          services, ""));
      state = new PhoneState(p, IDENTITY);
      if (proxy != null) {
        state.settings().put("global", "http_proxy", proxy);
      }
      sink.start();
      open.add(sink);
      runtime = new FirmwareRuntime(state, sink);
      runtime.onUpload(uploads::add);
      open.add(runtime::stop);
    }

    Phone start() {
      runtime.start();
      return this;
    }

    void installCa(String dir, TestCertificates ca) {
      state.fs().write(dir + CA_FILE, ca.pem(), 0644);
    }

    Upload awaitUpload(String service) {
      Await.until("an upload by " + service, WAIT, () -> uploads.stream().anyMatch(u -> u.service().equals(service)));
      return uploads.stream().filter(u -> u.service().equals(service)).findFirst().orElseThrow();
    }

    long count(String service) {
      return uploads.stream().filter(u -> u.service().equals(service)).count();
    }
  }

  private RecordingProxy proxy(TestCertificates ca) throws Exception {
    RecordingProxy p = new RecordingProxy(ca == null ? null : ca.serverContext());
    open.add(p);
    return p;
  }

  private static String service(String name, String on, String url, String... more) {
    StringBuilder sb = new StringBuilder();
    sb.append("  - name: ").append(name).append("\n    on: ").append(on).append("\n    url: ").append(url).append('\n');
    for (String m : more) {
      sb.append("    ").append(m).append('\n');
    }
    return sb.toString();
  }

  private static List<RecordingProxy.Seen> awaitSeen(RecordingProxy proxy, String kind) {
    Await.until("the proxy to see " + kind, WAIT, () -> proxy.seen().stream().anyMatch(s -> s.kind().equals(kind)));
    return proxy.seen().stream().filter(s -> s.kind().equals(kind)).toList();
  }

  @Test
  public void sends_http_to_the_proxy_in_absolute_form() throws Exception {
    RecordingProxy proxy = proxy(null);
    Phone phone = new Phone(service("account-activation", "boot", "http://api.account.xiaomi.com/pass/v3/activate",
        "body: \"imei={imei}&n={phone-number|base64}&c={carrier|url}\""), "127.0.0.1:" + proxy.port()).start();

    RecordingProxy.Seen seen = awaitSeen(proxy, "REQUEST").get(0);
    assertThat(seen.line()).isEqualTo("POST http://api.account.xiaomi.com/pass/v3/activate HTTP/1.1");
    assertThat(seen.head()).contains("\r\nHost: api.account.xiaomi.com\r\n");
    assertThat(seen.bodyText()).isEqualTo("imei=861234567890123&n=Kzg4NjkxMjM0NTY3OA==&c=Chunghwa+Telecom");
    assertThat(phone.awaitUpload("account-activation").ok()).isTrue();
    assertThat(phone.sink.received()).isEmpty();
  }

  @Test
  public void uploads_carry_the_identity_setidentity_wrote_from_then_on() throws Exception {
    RecordingProxy proxy = proxy(null);
    Phone phone = new Phone(service("sms-stat", "sms-sent", "http://api.account.xiaomi.com/sms?i={imei}",
        "body: \"n={phone-number}&a={android-id}&m={wifi-mac}\""), "127.0.0.1:" + proxy.port()).start();
    io.phonehome.simulator.shell.AndroidShell shell = new io.phonehome.simulator.shell.AndroidShell(phone.state, () -> { });
    io.phonehome.simulator.telephony.TelephonyPrograms.install(shell, phone.state);

    assertThat(shell.run("su 0 setidentity imei=861234567890143 phone-number=+886912000777"
        + " android-id=5f2c7d1e9a0b3c4d wifi-mac=ac:f7:f3:9a:8b:7c").exitCode()).isZero();
    phone.runtime.fire(Trigger.Kind.SMS_SENT, Map.of("sms.to", "+886955000111", "sms.body", "hi"));

    RecordingProxy.Seen seen = awaitSeen(proxy, "REQUEST").get(0);
    assertThat(seen.line()).isEqualTo("POST http://api.account.xiaomi.com/sms?i=861234567890143 HTTP/1.1");
    assertThat(seen.bodyText()).isEqualTo("n=+886912000777&a=5f2c7d1e9a0b3c4d&m=ac:f7:f3:9a:8b:7c");
  }

  @Test
  public void tunnels_https_and_delivers_the_body_when_the_lab_ca_is_a_system_ca() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(service("device-register", "boot", "https://api.account.xiaomi.com/pass/v3/device",
        "tls: trusts-system-ca", "body: \"imei={imei|base64}\""), "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.SYSTEM_CA_DIR, labCa);
    phone.start();

    assertThat(awaitSeen(proxy, "CONNECT").get(0).line()).isEqualTo("CONNECT api.account.xiaomi.com:443 HTTP/1.1");
    RecordingProxy.Seen inner = awaitSeen(proxy, "TLS_REQUEST").get(0);
    assertThat(inner.line()).isEqualTo("POST /pass/v3/device HTTP/1.1");
    assertThat(inner.bodyText()).isEqualTo("imei=ODYxMjM0NTY3ODkwMTIz");
    assertThat(phone.awaitUpload("device-register").status()).isEqualTo(200);
  }

  @Test
  public void refuses_tls_when_the_lab_ca_is_not_installed() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(service("device-register", "boot", "https://api.account.xiaomi.com/pass/v3/device",
        "body: \"imei={imei}\""), "127.0.0.1:" + proxy.port()).start();

    Upload u = phone.awaitUpload("device-register");
    assertThat(u.ok()).isFalse();
    assertThat(u.error()).startsWith("TLS handshake refused: ").contains("trusts-user-ca");
    awaitSeen(proxy, "TLS_FAILED");
    assertThat(proxy.seen()).noneMatch(s -> s.kind().equals("TLS_REQUEST"));
  }

  @Test
  public void pinned_refuses_the_lab_ca_even_when_installed_as_system_ca() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(service("pinned-sync", "boot", "https://api.account.xiaomi.com/pass/v3/device",
        "tls: pinned", "body: \"imei={imei}\""), "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.SYSTEM_CA_DIR, labCa);
    phone.installCa(VirtualFs.USER_CA_DIR, labCa);
    phone.start();

    assertThat(phone.awaitUpload("pinned-sync").error()).startsWith("TLS handshake refused: ").contains("pinned");
    awaitSeen(proxy, "TLS_FAILED");
    assertThat(proxy.seen()).noneMatch(s -> s.kind().equals("TLS_REQUEST"));
  }

  @Test
  public void a_user_ca_counts_for_trusts_user_ca_but_not_for_trusts_system_ca() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(
        service("old-app", "boot", "https://api.account.xiaomi.com/old", "tls: trusts-user-ca")
            + service("new-app", "boot", "https://api.account.xiaomi.com/new", "tls: trusts-system-ca"),
        "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.USER_CA_DIR, labCa);
    phone.start();

    assertThat(phone.awaitUpload("old-app").ok()).isTrue();
    assertThat(phone.awaitUpload("new-app").error()).startsWith("TLS handshake refused");
    assertThat(awaitSeen(proxy, "TLS_REQUEST")).extracting(RecordingProxy.Seen::line)
        .containsExactly("GET /old HTTP/1.1");
  }

  @Test
  public void reads_the_ca_store_at_connect_time() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(service("stats", "every:1s", "https://tracking.miui.com/t?i={imei|md5}"),
        "127.0.0.1:" + proxy.port()).start();
    Await.until("a refused upload", WAIT, () -> phone.uploads.stream().anyMatch(u -> !u.ok()));
    phone.installCa(VirtualFs.USER_CA_DIR, labCa);
    Await.until("an accepted upload after installing the CA", WAIT, () -> phone.uploads.stream().anyMatch(Upload::ok));
    phone.state.fs().delete(VirtualFs.USER_CA_DIR + CA_FILE);
    int before = phone.uploads.size();
    Await.until("a refused upload after removing the CA", WAIT,
        () -> phone.uploads.stream().skip(before).anyMatch(u -> !u.ok()));
  }

  @Test
  public void refuses_a_trusted_certificate_issued_for_another_host() throws Exception {
    RecordingProxy proxy = proxy(otherHostCa);
    Phone phone = new Phone(service("device-register", "boot", "https://api.account.xiaomi.com/x"),
        "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.SYSTEM_CA_DIR, otherHostCa);
    phone.start();
    assertThat(phone.awaitUpload("device-register").error())
        .startsWith("TLS handshake refused").containsIgnoringCase("api.account.xiaomi.com");
  }

  @Test
  public void direct_route_goes_to_the_sink_even_with_a_proxy_set() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    Phone phone = new Phone(service("push", "boot", "https://push.xiaomi.com/register", "route: direct",
        "tls: pinned", "body: \"imei={imei}\""), "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.SYSTEM_CA_DIR, labCa);
    phone.start();

    assertThat(phone.awaitUpload("push").ok()).isTrue();
    SinkRecord r = phone.sink.received().get(0);
    assertThat(r.host()).isEqualTo("push.xiaomi.com");
    assertThat(r.tls()).isTrue();
    assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).endsWith("imei=861234567890123");
    assertThat(proxy.seen()).isEmpty();
  }

  @Test
  public void without_a_proxy_uploads_go_to_the_sink_in_origin_form() throws Exception {
    Phone phone = new Phone(service("account-activation", "boot", "http://api.account.xiaomi.com/a?i={imei}"), ":0")
        .start();
    assertThat(phone.awaitUpload("account-activation").ok()).isTrue();
    SinkRecord r = phone.sink.received().get(0);
    assertThat(r.host()).isEqualTo("api.account.xiaomi.com");
    assertThat(r.requestLine()).isEqualTo("GET /a?i=861234567890123 HTTP/1.1");
  }

  @Test
  public void checks_when_at_fire_time_and_fires_on_setting_changes() throws Exception {
    RecordingProxy proxy = proxy(null);
    Phone phone = new Phone(
        service("sync-on", "setting:secure:cloud_sync", "http://api.micloud.xiaomi.net/on",
            "when: \"secure:cloud_sync == 1\"")
        + service("sms-report", "sms-sent", "http://api.account.xiaomi.com/sms?to={sms.to|url}&b={sms.body}",
            "when: \"secure:cloud_sync == 1 || secure:cloud_messaging == 1\""),
        "127.0.0.1:" + proxy.port()).start();

    phone.state.settings().put("secure", "cloud_sync", "0");
    phone.runtime.fire(Trigger.Kind.SMS_SENT, Map.of("sms.to", "+886955000111", "sms.body", "pH-7f3a9c"));
    phone.state.settings().put("secure", "cloud_sync", "1");
    assertThat(phone.awaitUpload("sync-on").ok()).isTrue();
    phone.runtime.fire(Trigger.Kind.SMS_SENT, Map.of("sms.to", "+886955000222", "sms.body", "second"));
    phone.awaitUpload("sms-report");

    assertThat(phone.count("sync-on")).isEqualTo(1);
    assertThat(awaitSeen(proxy, "REQUEST")).extracting(RecordingProxy.Seen::line)
        .containsExactlyInAnyOrder("GET http://api.micloud.xiaomi.net/on HTTP/1.1",
            "GET http://api.account.xiaomi.com/sms?to=%2B886955000222&b=second HTTP/1.1");
  }

  @Test
  public void timers_repeat_stop_cancels_them_and_start_boots_again() throws Exception {
    Phone phone = new Phone(service("boot-ping", "boot", "http://a.example.com/boot")
        + service("stats", "every:1s", "http://a.example.com/stats"), null).start();
    Await.until("two timer runs", WAIT, () -> phone.count("stats") >= 2);
    phone.runtime.stop();
    phone.runtime.stop();
    long afterStop = phone.count("stats");
    Thread.sleep(1500); // proving absence needs time to pass
    assertThat(phone.count("stats")).isEqualTo(afterStop);
    phone.state.settings().put("global", "http_proxy", ":0");

    phone.runtime.start();
    Await.until("boot services again after restart", WAIT, () -> phone.count("boot-ping") == 2);
    Await.until("the timer again after restart", WAIT, () -> phone.count("stats") > afterStop);
  }

  @Test
  public void stop_is_quick_while_an_upload_hangs() throws Exception {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          accepted.add(silent.accept());
        } catch (Exception ignored) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Phone phone = new Phone(service("slow", "boot", "http://a.example.com/"), "127.0.0.1:" + silent.getLocalPort())
          .start();
      Await.until("the upload to connect", WAIT, () -> !accepted.isEmpty());
      long t0 = System.nanoTime();
      phone.runtime.stop();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
      assertThat(phone.runtime.running()).isFalse();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  public void upload_rate_paces_the_body_inside_the_tls_tunnel() throws Exception {
    RecordingProxy proxy = proxy(labCa);
    String body = "x".repeat(80) + "imei={imei}";
    Phone phone = new Phone(service("backup", "boot", "https://api.account.xiaomi.com/pass/v3/backup",
        "tls: trusts-system-ca", "body: \"" + body + "\"", "upload-rate: 40"), "127.0.0.1:" + proxy.port());
    phone.installCa(VirtualFs.SYSTEM_CA_DIR, labCa);
    phone.start();

    awaitSeen(proxy, "CONNECT");
    long connectSeen = System.nanoTime();
    RecordingProxy.Seen inner = awaitSeen(proxy, "TLS_REQUEST").get(0);
    long requestSeen = System.nanoTime();
    assertThat(inner.bodyText()).isEqualTo("x".repeat(80) + "imei=861234567890123");
    // 100 bytes at 40 B/s: about 2.5 s after the head
    assertThat(Duration.ofNanos(requestSeen - connectSeen)).isGreaterThan(Duration.ofMillis(2000));
    assertThat(phone.awaitUpload("backup").status()).isEqualTo(200);
  }

  @Test
  public void stop_ends_a_paced_upload_mid_body() throws Exception {
    try (ServerSocket slow = new ServerSocket()) {
      slow.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          accepted.add(slow.accept());
        } catch (Exception ignored) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Phone phone = new Phone(service("big", "boot", "http://a.example.com/up", "body: \"" + "x".repeat(1000) + "\"",
          "upload-rate: 10"), "127.0.0.1:" + slow.getLocalPort()).start();
      Await.until("the upload to connect", WAIT, () -> !accepted.isEmpty());
      Socket s = accepted.get(0);
      s.setSoTimeout(5000);
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int c = s.getInputStream().read();
        assertThat(c).as("a byte of the head").isNotNegative();
        head.append((char) c);
      }
      assertThat(head.toString()).contains("\r\nContent-Length: 1000\r\n");

      long t0 = System.nanoTime();
      phone.runtime.stop();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
      int rest = 0;
      try {
        for (int n; (n = s.getInputStream().read(new byte[4096])) > 0; ) {
          rest += n;
        }
      } catch (java.net.SocketException reset) {
        // the handset hung up: what arrived before counts
      }
      assertThat(rest).as("body bytes before the hang-up").isLessThan(1000);
      s.close();
    }
  }

  @Test
  public void gzip_content_encoding_is_labelled_and_compressed_on_the_wire() throws Exception {
    RecordingProxy proxy = proxy(null);
    new Phone(service("ux", "boot", "http://tracking.miui.com/track", "body: \"imei={imei}\"",
        "content-encoding: gzip"), "127.0.0.1:" + proxy.port()).start();
    RecordingProxy.Seen seen = awaitSeen(proxy, "REQUEST").get(0);
    assertThat(seen.head()).contains("\r\nContent-Encoding: gzip\r\n");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(seen.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("imei=861234567890123");
    }
  }

  @Test
  public void a_proxy_that_is_down_is_one_failed_upload_not_a_crash() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Phone phone = new Phone(service("account-activation", "boot", "http://api.account.xiaomi.com/"), "127.0.0.1:" + port)
        .start();
    assertThat(phone.awaitUpload("account-activation").error()).startsWith("cannot reach proxy 127.0.0.1:" + port);
    assertThat(phone.runtime.running()).isTrue();
  }
}
