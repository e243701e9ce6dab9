package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.HostProgram;
import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.net.SinkRecord;
import io.phonehome.simulator.state.Identity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Debian's adb runs {@code tcpdump} on a virtual handset whose firmware opens direct
 * sockets to hard-coded addresses; Debian's tcpdump and tshark read the pcap it streams.
 */
public class TcpdumpIT {
  private static final String IMEI = "861234567890123";
  private VirtualHandset handset;
  private String serial;
  private Path work;
  private Path pcap;

  @BeforeClass
  public void capture() throws Exception {
    FirmwareProfile profile = ProfileParser.parse(Path.of("pcap-it.yaml"), String.join("\n",
        "build:",
        "  display-id: PCAP-IT",
        "  fingerprint: " + Profiles.FINGERPRINT,
        "services:",
        "  - name: push-socket",
        "    on: every:1s",
        "    url: tcp://203.0.113.7:5222",
        "    body: \"IMEI={imei}\\n\"",
        "  - name: push-by-name",
        "    on: every:1s",
        "    url: tcp://push.example.cn:5222",
        "    body: \"hello {imei|sha1}\"",
        "  - name: udp-report",
        "    on: every:1s",
        "    url: udp://203.0.113.9:8000",
        "    body: \"u={imei}\"",
        "  - name: dns-leak",
        "    on: every:1s",
        "    url: dns://{imei|md5}.t.example.cn",
        "  - name: direct-tls",
        "    on: every:1s",
        "    url: https://203.0.113.7:5223/push?i={imei}",
        "    route: direct",
        ""));
    handset = new VirtualHandset(profile, new Identity(Map.of("imei", IMEI), List.of()), 0, 0);
    handset.start();
    serial = "127.0.0.1:" + handset.adbPort();
    work = Files.createTempDirectory("pcap-it-");
    Adb.connect(serial, Duration.ofSeconds(20));

    Process adb = HostProgram.ADB.command(List.of("-s", serial, "exec-out", "su -c 'tcpdump -i any -U -w -'"))
        .redirectError(work.resolve("adb-stderr.txt").toFile()).start();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(adb.getInputStream(), got), "pcap-reader");
    reader.start();
    try {
      byte[] udpPayload = ("u=" + IMEI).getBytes(StandardCharsets.US_ASCII);
      byte[] tcpPayload = ("IMEI=" + IMEI).getBytes(StandardCharsets.US_ASCII);
      // three rounds of the 1 s services: the connections of the first have surely ended
      Adb.await(Duration.ofSeconds(20), "the pcap to carry three rounds of the udp payload", () -> {
        byte[] now;
        synchronized (got) {
          now = got.toByteArray();
        }
        return count(now, udpPayload) >= 3 && count(now, tcpPayload) >= 1;
      });
    } finally {
      adb.destroy();
      if (!adb.waitFor(10, TimeUnit.SECONDS)) {
        adb.destroyForcibly();
      }
      reader.join(10_000);
    }
    pcap = work.resolve("handset.pcap");
    synchronized (got) {
      Files.write(pcap, got.toByteArray());
    }
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws Exception {
    if (serial != null) {
      Adb.disconnect(serial);
    }
    if (handset != null) {
      handset.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void tcpdump_reads_the_pcap_and_shows_the_firmwares_named_destinations() throws Exception {
    Adb.Run read = run(HostProgram.TCPDUMP, "-r", pcap.toString(), "-nn");

    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(read.output())
        .contains("192.168.1.23.")
        .contains("> 203.0.113.7.5222: Flags [S]")
        .contains("> 203.0.113.7.5223: Flags [P.]")
        .contains("> 203.0.113.9.8000: UDP")
        .contains("> 8.8.8.8.53: ")
        .contains("A? push.example.cn.")
        .contains("A? " + md5(IMEI) + ".t.example.cn.")
        .doesNotContain("127.0.0.1");
  }

  @Test
  public void tshark_reads_the_pcap_with_valid_checksums() throws Exception {
    Adb.Run read = run(HostProgram.TSHARK, "-r", pcap.toString(), "-n",
        "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE");

    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(read.output())
        .contains("203.0.113.7")
        .contains("203.0.113.9")
        .contains("DNS")
        .contains("Client Hello")
        .doesNotContainIgnoringCase("checksum")
        .doesNotContain("Malformed");
  }

  @Test
  public void direct_bytes_reach_only_the_loopback_sink() {
    List<SinkRecord> received = handset.sink().received();

    assertThat(received).anySatisfy(r ->
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).isEqualTo("IMEI=" + IMEI + "\n"));
    assertThat(received).anySatisfy(r ->
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).isEqualTo("u=" + IMEI));
  }

  @Test
  public void tcpdump_without_root_is_refused_like_a_phone() throws Exception {
    Adb.Run r = Adb.run("-s", serial, "exec-out", "tcpdump -i any -U -w -");

    assertThat(r.output()).contains("tcpdump: any: You don't have permission to capture on that device");
  }

  @Test
  public void the_handset_still_answers_after_the_capture_was_closed() throws Exception {
    assertThat(Adb.shell(serial, "echo still-here")).isEqualTo("still-here\n");
  }

  private static Adb.Run run(HostProgram program, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = program.command(List.of(args));
    List<String> command = builder.command();
    Process p = builder.redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
    }
    return new Adb.Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), out);
  }

  private static void copy(InputStream in, ByteArrayOutputStream to) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (to) {
          to.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the process was stopped: what came so far is the capture
    }
  }

  private static int count(byte[] hay, byte[] needle) {
    int found = 0;
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      found++;
    }
    return found;
  }

  private static String md5(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
