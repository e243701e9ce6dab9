package io.phonehome.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.firmware.Trigger;
import io.phonehome.simulator.net.Await;
import io.phonehome.simulator.net.LoopbackSink;
import io.phonehome.simulator.net.RecordingProxy;
import io.phonehome.simulator.net.TestCertificates;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.LogBuffer;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.telephony.Messenger;
import io.phonehome.simulator.state.VirtualFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The two shipped profiles behind a recording proxy that holds a lab CA the handset trusts. */
public class ShippedProfilesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path FIRMWARE = Path.of(System.getProperty("basedir", "."), "firmware");
  private static final String IMEI = "861234567890123";
  private static final Identity IDENTITY = new Identity(Map.of(
      "imei", IMEI, "phone-number", "+886912345678", "wifi-mac", "ac:f7:f3:12:34:56",
      "carrier", "Chunghwa Telecom", "android-id", "9774d56d682e549c", "serial", "4df1e9a2"),
      List.of("+886922000111"));

  private Path tmp;
  private TestCertificates labCa;

  @BeforeClass
  public void makeLabCa() throws Exception {
    tmp = Files.createTempDirectory("fw-shipped");
    labCa = TestCertificates.forHosts(tmp, "api.account.xiaomi.com", "tracking.miui.com",
        "api.micloud.xiaomi.net", "ota.example-oem.com", "backup.example-oem.com", "diag.example-oem.com",
        "ads.example-oem.com", "chat.example-oem.com");
  }

  @AfterClass(alwaysRun = true)
  public void removeTemp() throws Exception {
    if (tmp != null) {
      try (var files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private PhoneState phone(String file, RecordingProxy proxy) throws Exception {
    FirmwareProfile profile = ProfileParser.parse(FIRMWARE.resolve(file));
    PhoneState state = new PhoneState(profile, IDENTITY);
    state.settings().put("global", "http_proxy", "127.0.0.1:" + proxy.port());
    state.fs().write(VirtualFs.USER_CA_DIR + "/lab.0", labCa.pem(), 0644);
    return state;
  }

  private static boolean saw(RecordingProxy proxy, String lineStart) {
    return proxy.seen().stream().anyMatch(s -> s.line().startsWith(lineStart));
  }

  @Test
  public void leaky_build_uploads_the_imei_at_boot_and_keeps_uploading_after_opt_out() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy(labCa.serverContext()); LoopbackSink sink = new LoopbackSink()) {
      PhoneState state = phone("leaky-2014-08.yaml", proxy);
      sink.start();
      FirmwareRuntime runtime = new FirmwareRuntime(state, sink);
      List<Upload> uploads = new CopyOnWriteArrayList<>();
      runtime.onUpload(uploads::add);
      try {
        runtime.start();
        Await.until("the account activation", WAIT,
            () -> saw(proxy, "POST http://api.account.xiaomi.com/pass/v3/activate"));
        assertThat(proxy.seen()).filteredOn(s -> s.line().contains("/pass/v3/activate"))
            .first().satisfies(s -> assertThat(s.bodyText()).contains("imei=" + IMEI)
                .contains("n=Kzg4NjkxMjM0NTY3OA==").contains("carrier=Chunghwa+Telecom"));
        Await.until("cloud messaging over https", WAIT, () -> saw(proxy, "POST /pass/v2/safe/user/cloudmsg"));
        Await.until("the periodic statistics", WAIT, () -> saw(proxy, "GET http://data.mistat.xiaomi.com/"));

        for (String setting : state.firmware().privacySwitches().values()) {
          state.settings().put(setting, "0");
        }
        runtime.stop();
        int before = proxy.seen().size();
        runtime.start();
        runtime.fire(Trigger.Kind.CONTACT_ADDED, Map.of());
        runtime.fire(Trigger.Kind.SMS_SENT, Map.of("sms.to", "+886955000111", "sms.body", "hi"));
        Await.until("the activation again after opt-out", WAIT, () -> proxy.seen().stream().skip(before)
            .anyMatch(s -> s.line().contains("/pass/v3/activate") && s.bodyText().contains(IMEI)));
        Await.until("the sms report despite opt-out", WAIT, () -> proxy.seen().stream().skip(before)
            .anyMatch(s -> s.line().startsWith("POST /pass/v2/sms/report")));
        Await.until("statistics despite opt-out", WAIT, () -> proxy.seen().stream().skip(before)
            .anyMatch(s -> s.line().startsWith("GET http://data.mistat.xiaomi.com/")));
        assertThat(proxy.seen().stream().skip(before)).noneMatch(s -> s.line().contains("cloudmsg")
            || s.line().contains("/mic/contacts/") || s.line().contains("/track/v4"));
        assertThat(sink.received()).isEmpty();
      } finally {
        runtime.stop();
      }
    }
  }

  @Test
  public void clean_build_sends_only_identifier_free_update_checks_after_opt_out() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy(labCa.serverContext()); LoopbackSink sink = new LoopbackSink()) {
      PhoneState state = phone("clean.yaml", proxy);
      for (String setting : state.firmware().privacySwitches().values()) {
        state.settings().put(setting, "0");
      }
      sink.start();
      FirmwareRuntime runtime = new FirmwareRuntime(state, sink);
      try {
        runtime.start();
        runtime.fire(Trigger.Kind.CONTACT_ADDED, Map.of());
        Await.until("two update checks", WAIT, () -> proxy.seen().stream()
            .filter(s -> s.line().startsWith("GET /check?build=")).count() >= 2);
        assertThat(proxy.seen()).allSatisfy(s -> assertThat(s.line())
            .satisfiesAnyOf(l -> assertThat(l).startsWith("CONNECT ota.example-oem.com:443"),
                l -> assertThat(l).startsWith("GET /check?build=NimbusOS-3.2.0")));
        for (RecordingProxy.Seen s : proxy.seen()) {
          for (String value : IDENTITY.values().values()) {
            assertThat(s.head() + s.bodyText()).doesNotContain(value);
          }
        }

        int before = proxy.seen().size();
        state.settings().put("global:nimbus_personalised_ads", "1");
        Await.until("the ads id once the user opts in", WAIT, () -> proxy.seen().stream().skip(before)
            .anyMatch(s -> s.line().startsWith("GET /v1/id?aid=")));
      } finally {
        runtime.stop();
      }
    }
  }

  @Test
  public void clean_build_sends_a_text_over_data_only_while_its_switch_is_on() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy(labCa.serverContext()); LoopbackSink sink = new LoopbackSink()) {
      PhoneState state = phone("clean.yaml", proxy);
      sink.start();
      FirmwareRuntime runtime = new FirmwareRuntime(state, sink);
      Messenger messenger = new Messenger(state, runtime);
      try {
        runtime.start();
        assertThat(messenger.sendText("+886955000111", "by carrier").path()).isEqualTo(Messenger.Path.CARRIER);
        state.settings().put("secure:nimbus_chat_over_data", "1");
        assertThat(messenger.sendText("+886955000222", "over data").path()).isEqualTo(Messenger.Path.DATA);
        Await.until("the text over data", WAIT, () -> proxy.seen().stream()
            .anyMatch(s -> s.line().startsWith("POST /v1/messages") && s.bodyText().contains("+886955000222")));
        assertThat(proxy.seen()).noneMatch(s -> s.bodyText().contains("+886955000111"));
        assertThat(state.log().lines()).extracting(LogBuffer.Line::message)
            .anyMatch(m -> m.contains("destAddr=+886955000111"))
            .noneMatch(m -> m.contains("destAddr=+886955000222"));
      } finally {
        runtime.stop();
      }
    }
  }

  @Test
  public void patched_build_keeps_cloud_messaging_off_but_sends_identifiers_around_the_proxy() throws Exception {
    try (RecordingProxy proxy = new RecordingProxy(labCa.serverContext()); LoopbackSink sink = new LoopbackSink()) {
      PhoneState state = phone("patched-2014-08.yaml", proxy);
      sink.start();
      FirmwareRuntime runtime = new FirmwareRuntime(state, sink);
      List<Upload> uploads = new CopyOnWriteArrayList<>();
      runtime.onUpload(uploads::add);
      try {
        runtime.start();
        Await.until("the account activation", WAIT,
            () -> saw(proxy, "POST http://api.account.xiaomi.com/pass/v3/activate"));
        Await.until("the pinned registration to fail", WAIT, () -> uploads.stream()
            .anyMatch(u -> u.service().equals("device-register") && !u.ok()));
        Await.until("the push socket and the udp datagram at the sink", WAIT, () -> sink.received().stream()
            .filter(r -> new String(r.bytes(), java.nio.charset.StandardCharsets.US_ASCII).contains(IMEI)
                || new String(r.bytes(), java.nio.charset.StandardCharsets.US_ASCII).startsWith("Q046 "))
            .count() >= 2);
        Await.until("the dns beacon", WAIT, () -> uploads.stream().anyMatch(u -> u.service().equals("dns-beacon")));

        assertThat(uploads).filteredOn(u -> u.service().equals("device-register"))
            .first().satisfies(u -> assertThat(u.error()).startsWith("TLS handshake refused"));
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
            .digest(IMEI.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        String packets = runtime.network().capture().log().snapshot().stream()
            .map(pk -> new String(pk.ip(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .collect(java.util.stream.Collectors.joining("\n"));
        // the query name on the wire: length-prefixed labels
        assertThat(packets).contains("\u0020" + md5 + "\u0001t\u0009miui-stat\u0002cn")
            .contains("REGISTER imei=" + IMEI);
        assertThat(proxy.seen()).noneMatch(s -> s.line().contains("cloudmsg"));
        assertThat(proxy.seen()).noneMatch(s -> s.bodyText().contains(IMEI) && !s.line().contains("/pass/v3/activate"));
      } finally {
        runtime.stop();
      }
    }
  }
}
