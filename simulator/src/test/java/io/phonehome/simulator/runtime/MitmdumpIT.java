package io.phonehome.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phonehome.simulator.HostProgram;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.net.Await;
import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The handset's https through the real mitmdump: with mitmproxy's CA installed as a system
 * CA the proxy reads the request and its body; without it, mitmdump reports a client TLS
 * failure. The addon answers every request itself, so nothing leaves the machine.
 */
public class MitmdumpIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ADDON = """
      import json
      import os
      from mitmproxy import http

      EVENTS = os.environ["PHONEHOME_FW_EVENTS"]


      def _write(record):
          with open(EVENTS, "a", encoding="utf-8") as f:
              f.write(json.dumps(record) + "\\n")


      class AnswerLocally:
          def request(self, flow: http.HTTPFlow) -> None:
              _write({"kind": "request", "method": flow.request.method, "url": flow.request.pretty_url,
                      "body": flow.request.get_text(strict=False) or ""})
              flow.response = http.Response.make(200, b"ok")

          def tls_failed_client(self, data) -> None:
              _write({"kind": "tls-failed", "sni": data.conn.sni, "error": str(data.conn.error)})


      addons = [AnswerLocally()]
      """;
  private static final Identity IDENTITY =
      new Identity(Map.of("imei", "861234567890123", "phone-number", "+886912345678"), List.of());

  private Path tmp;
  private Path events;
  private Path log;
  private Process mitmdump;
  private int port;

  @BeforeClass
  public void startMitmdump() throws Exception {
    tmp = Files.createTempDirectory("fw-mitm");
    Path addon = tmp.resolve("answer_locally.py");
    Files.writeString(addon, ADDON);
    events = tmp.resolve("events.jsonl");
    log = tmp.resolve("mitmdump.log");
    Path confdir = tmp.resolve("conf");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = HostProgram.MITMDUMP.command(List.of("--listen-host", "127.0.0.1", "-p", Integer.toString(port),
        "--set", "confdir=" + confdir, "--set", "connection_strategy=lazy", "-s", addon.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PHONEHOME_FW_EVENTS", events.toString());
    mitmdump = pb.start();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!(listening() && Files.exists(confdir.resolve("mitmproxy-ca-cert.pem")))) {
      if (!mitmdump.isAlive()) {
        throw new IllegalStateException("mitmdump exited with status " + mitmdump.exitValue() + ": " + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("mitmdump did not listen on 127.0.0.1:" + port + " in " + WAIT + ": " + tail());
      }
      Thread.sleep(50);
    }
  }

  @AfterClass(alwaysRun = true)
  public void stopMitmdump() throws Exception {
    if (mitmdump != null) {
      mitmdump.destroy();
      if (!mitmdump.waitFor(5, TimeUnit.SECONDS)) {
        mitmdump.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (tmp != null) {
      try (var files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private boolean listening() {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    try {
      if (Files.exists(events)) {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            out.add(json.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      // a line still being written: the next poll reads it whole
    }
    return out;
  }

  private List<Upload> runHandset(String url, boolean installCa, LoopbackSink sink, List<Upload> uploads)
      throws Exception {
    FirmwareProfile profile = ProfileParser.parse(Path.of("mitm.yaml"), String.join("\n",
        "build:",
        "  display-id: MIUI-V5-2014.08",
        "  fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys",
        "services:",
        "  - name: device-register",
        "    on: boot",
        "    url: " + url,
        "    tls: trusts-system-ca",
        "    body: \"imei={imei}&n={phone-number|base64}\"",
        ""));
    PhoneState state = new PhoneState(profile, IDENTITY);
    state.settings().put("global", "http_proxy", "127.0.0.1:" + port);
    if (installCa) {
      state.fs().write(VirtualFs.SYSTEM_CA_DIR + "/c8750f0d.0",
          Files.readAllBytes(tmp.resolve("conf").resolve("mitmproxy-ca-cert.pem")), 0644);
    }
    sink.start();
    FirmwareRuntime runtime = new FirmwareRuntime(state, sink);
    runtime.onUpload(uploads::add);
    try {
      runtime.start();
      Await.until("the upload to finish", WAIT, () -> !uploads.isEmpty());
    } finally {
      runtime.stop();
    }
    return uploads;
  }

  @Test
  public void mitmdump_sees_the_https_request_and_body_when_its_ca_is_installed() throws Exception {
    List<Upload> uploads = new CopyOnWriteArrayList<>();
    try (LoopbackSink sink = new LoopbackSink()) {
      runHandset("https://api.account.xiaomi.com/pass/v3/device", true, sink, uploads);
      assertThat(uploads.get(0).ok()).as("upload %s", uploads.get(0)).isTrue();
      String url = "https://api.account.xiaomi.com/pass/v3/device";
      Await.until("mitmdump to record the request", WAIT,
          () -> events().stream().anyMatch(e -> e.path("url").asText().equals(url)));
      JsonNode request = events().stream().filter(e -> e.path("url").asText().equals(url))
          .findFirst().orElseThrow();
      assertThat(request.path("method").asText()).isEqualTo("POST");
      assertThat(request.path("url").asText()).isEqualTo("https://api.account.xiaomi.com/pass/v3/device");
      assertThat(request.path("body").asText()).isEqualTo("imei=861234567890123&n=Kzg4NjkxMjM0NTY3OA==");
      assertThat(sink.received()).isEmpty();
    }
  }

  @Test
  public void mitmdump_sees_plain_http_sent_in_absolute_form() throws Exception {
    List<Upload> uploads = new CopyOnWriteArrayList<>();
    try (LoopbackSink sink = new LoopbackSink()) {
      runHandset("http://api.account.xiaomi.com/pass/v3/activate", false, sink, uploads);
      assertThat(uploads.get(0).ok()).as("upload %s", uploads.get(0)).isTrue();
      Await.until("mitmdump to record the http request", WAIT, () -> events().stream()
          .anyMatch(e -> e.path("url").asText().equals("http://api.account.xiaomi.com/pass/v3/activate")
              && e.path("body").asText().equals("imei=861234567890123&n=Kzg4NjkxMjM0NTY3OA==")));
      assertThat(sink.received()).isEmpty();
    }
  }

  @Test
  public void mitmdump_reports_a_client_tls_failure_when_its_ca_is_not_installed() throws Exception {
    List<Upload> uploads = new CopyOnWriteArrayList<>();
    try (LoopbackSink sink = new LoopbackSink()) {
      runHandset("https://tracking.miui.com/pass/v3/device", false, sink, uploads);
      assertThat(uploads.get(0).error()).startsWith("TLS handshake refused");
      Await.until("mitmdump to report the TLS failure", WAIT, () -> events().stream()
          .anyMatch(e -> e.path("kind").asText().equals("tls-failed")
              && e.path("sni").asText().equals("tracking.miui.com")));
      assertThat(events()).noneMatch(e -> e.path("url").asText().contains("tracking.miui.com"));
      Await.until("mitmdump to log the failed handshake", WAIT, () -> {
        try {
          return Files.readString(log).contains("Client TLS handshake failed");
        } catch (IOException e) {
          return false;
        }
      });
    }
  }
}
