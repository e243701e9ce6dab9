package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.DeviceSpec;
import io.phonehome.device.Tools;
import io.phonehome.device.VirtualHandsetProcess;
import io.phonehome.lifecycle.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * Real runs of the smoke suite on one virtual handset, broken in the middle: the capture
 * proxy, the handset, its adb link or its boot lost while it is watched. None of them may
 * end PASSED: each is BROKEN with the part and the cause (exit 2), or FAILED when an
 * upload was already seen (exit 1); the evidence stays and nothing is left running.
 */
public class WatchFaultIT {
  /** Leaks the IMEI through the proxy every 2 s, whatever the switch says. */
  static final String DRIP = """
      build:
        display-id: DRIP-1.0
        fingerprint: Acme/drip/drip:9/PQ1A/1:user/release-keys
      settings:
        secure:acme_stats: 1
      privacy-switches:
        Send statistics: secure:acme_stats
      services:
        - name: stats
          on: every:2s
          method: GET
          url: http://stats.drip.test/s?i={imei}
          route: proxy
      """;
  /** Sends nothing of the user's: a build check every 2 s. */
  static final String QUIET = """
      build:
        display-id: QUIET-1.0
        fingerprint: Acme/quiet/quiet:9/PQ1A/1:user/release-keys
      settings:
        secure:acme_stats: 1
      privacy-switches:
        Send statistics: secure:acme_stats
      services:
        - name: update-check
          on: every:2s
          method: GET
          url: http://fota.quiet.test/check?build=QUIET-1.0
          route: proxy
      """;
  private static final Pattern SERIAL = Pattern.compile("provisioned \\(adb (\\S+),");

  @Test
  public void proxy_killed_before_the_opt_out_breaks_the_test_instead_of_passing() throws Exception {
    Lab lab = lab("drip", DRIP, 6);
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] identity read over adb", 120);
      kill(lab.mitmdump());

      HarnessProcess.Result r = run.finish(300);

      assertBroken(r, "capture proxy lost at ", "mitmdump exited with status");
      assertThat(lab.out.resolve("devices/phone/mitmdump.log")).as("evidence kept").isRegularFile();
    }
    lab.assertNothingLeft();
  }

  @Test
  public void a_proxy_host_the_phone_cannot_reach_breaks_the_device_before_any_switch() throws Exception {
    Lab lab = lab("unreachable", DRIP, 6, "0.0.0.0");
    HarnessProcess.Result r;
    try (HarnessProcess.Running run = lab.start()) {
      r = run.finish(300);
    }

    assertBroken(r, "the phone cannot reach the capture proxy at 0.0.0.0:", "Connection refused");
    assertThat(r.output()).doesNotContain("switches off");
    lab.assertNothingLeft();
  }

  @Test
  public void a_misrouted_appium_url_is_broken_before_any_switch_is_touched() throws Exception {
    Path dir = Files.createTempDirectory("phonehome-fault-appium");
    Files.writeString(dir.resolve("firmware.yaml"), QUIET);
    // two phones on the bench; devices.yaml gives the first one the second one's Appium URL
    VirtualHandsetProcess phone = bench("phone", dir);
    VirtualHandsetProcess other = bench("other", dir);
    try {
      phone.start();
      other.start();
      Files.writeString(dir.resolve("devices.yaml"), """
          lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: 5s }
          devices:
            - name: phone
              serial: "%s"
              appium: "%s"
              identity: { imei: "490154203237518" }
          """.formatted(phone.serial(), other.webDriverUrl()));
      Lab lab = new Lab(dir, dir.resolve("out"));
      HarnessProcess.Result r;
      try (HarnessProcess.Running run = lab.start()) {
        r = run.finish(300);
      }

      assertBroken(r, "no Appium session at " + other.webDriverUrl(),
          "Device " + phone.serial() + " was not in the list of connected devices");
      assertThat(r.output()).doesNotContain("switches off");
      lab.assertNothingLeft();
    } finally {
      phone.stop();
      other.stop();
    }
  }

  private static VirtualHandsetProcess bench(String name, Path dir) throws IOException {
    DeviceSpec spec = new DeviceSpec(name, Optional.empty(), Optional.empty(), true,
        Map.of("imei", "490154203237518"), List.of(), Optional.empty(), Optional.empty(),
        Optional.of(new DeviceSpec.Virtual(dir.resolve("firmware.yaml"))), Optional.empty());
    return new VirtualHandsetProcess(spec, Files.createDirectories(dir.resolve(name)));
  }

  @Test
  public void proxy_killed_mid_observe_breaks_a_window_that_saw_nothing() throws Exception {
    Lab lab = lab("quiet-proxy", QUIET, 6);
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] observing", 180);
      kill(lab.mitmdump());

      assertBroken(run.finish(300), "capture proxy lost at ", "mitmdump exited with status");
    }
    lab.assertNothingLeft();
  }

  @Test
  public void an_upload_seen_before_the_proxy_died_still_fails_the_test() throws Exception {
    Lab lab = lab("drip-late", DRIP, 12);
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] observing", 180);
      Thread.sleep(8000); // the network is up 3 s after the boot; the IMEI leaves every 2 s
      kill(lab.mitmdump());

      HarnessProcess.Result r = run.finish(300);

      assertThat(r.exitCode()).as("exit 1: an unconsented upload was seen\n%s", r.output()).isEqualTo(1);
      assertThat(r.output()).contains("FAILED", "the watch was lost, but an unconsented upload was seen before");
      assertThat(NightlySuiteIT.validFindings(lab.out.resolve("findings.json")).findValuesAsText("identifier"))
          .contains("imei");
    }
    lab.assertNothingLeft();
  }

  @Test
  public void handset_killed_mid_observe_breaks_the_test() throws Exception {
    Lab lab = lab("quiet-handset", QUIET, 6);
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] observing", 180);
      kill(HarnessProcess.processesMentioning(lab.out.resolve("devices/phone").toString()).stream()
          .filter(p -> p.info().commandLine().orElse("").contains("phonehome-simulator")).toList());

      HarnessProcess.Result r = run.finish(300);

      // whichever part noticed first: the phone's tcpdump stream ends with it, then adb drops it
      assertBroken(r, "lost at ");
      assertThat(r.output()).containsAnyOf("packet capture lost at ", "adb link lost at ");
    }
    lab.assertNothingLeft();
  }

  @Test
  public void adb_disconnect_mid_observe_breaks_the_test() throws Exception {
    Lab lab = lab("quiet-adb", QUIET, 6);
    try (HarnessProcess.Running run = lab.start()) {
      String serial = serial(run.awaitLine("[phone] provisioned", 120));
      run.awaitLine("[phone] observing", 180);
      Tools.run(Duration.ofSeconds(10), Program.ADB.command("disconnect", serial));

      assertBroken(run.finish(300), "adb link lost at ", serial + " is no longer online in adb");
    }
    lab.assertNothingLeft();
  }

  @Test
  public void unplanned_reboot_mid_observe_breaks_the_test() throws Exception {
    Lab lab = lab("quiet-reboot", QUIET, 8);
    try (HarnessProcess.Running run = lab.start()) {
      String serial = serial(run.awaitLine("[phone] provisioned", 120));
      run.awaitLine("[phone] observing", 180);
      Tools.run(Duration.ofSeconds(20), Program.ADB.command("-s", serial, "reboot"));

      HarnessProcess.Result r = run.finish(300);

      assertBroken(r, "lost at ");
      assertThat(r.output()).containsAnyOf("phone boot lost at ", "adb link lost at ", "packet capture lost at ");
    }
    lab.assertNothingLeft();
  }

  @Test
  public void a_harness_killed_with_sigkill_leaves_no_proxy_running() throws Exception {
    Lab lab = lab("quiet-kill", QUIET, 30);
    try (HarnessProcess.Running run = lab.start()) {
      String serial = serial(run.awaitLine("[phone] provisioned", 120));
      run.awaitLine("[phone] observing", 180);
      assertThat(lab.mitmdump()).as("mitmdump runs before the kill").isNotEmpty();
      assertThat(packetStream(serial)).as("the tcpdump stream runs before the kill").isNotEmpty();

      ProcessHandle.of(run.pid()).ifPresent(ProcessHandle::destroyForcibly);

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && !(lab.running().isEmpty() && packetStream(serial).isEmpty())) {
        Thread.sleep(200);
      }
      assertThat(lab.running()).as("mitmdump and the handset end with the harness").isEmpty();
      assertThat(packetStream(serial)).as("the adb stream of the packet capture ends with the harness").isEmpty();
    }
  }

  @Test
  public void sigterm_mid_observe_still_writes_findings_report_and_summary() throws Exception {
    Lab lab = lab("quiet-term", QUIET, 60);
    try (HarnessProcess.Running run = lab.start("privacy-nightly.xml")) {
      run.awaitLine("[phone] observing", 180);

      ProcessHandle.of(run.pid()).ifPresent(ProcessHandle::destroy); // SIGTERM

      HarnessProcess.Result r = run.finish(120);

      assertBroken(r, "interrupted: ending the tests under way", "watch lost at ",
          "the run was interrupted (Ctrl-C, SIGTERM or SIGHUP)", "summary: (interrupted at ");
      assertThat(r.output()).as("the 60 s window is not waited out").contains("observing ended after ")
          .as("the SMS test, not begun, is BROKEN too").containsPattern("BROKEN +phone +SmsSendTest\\.\\w+ \\(phone: not run: the run was interrupted");
      assertThat(NightlySuiteIT.validFindings(lab.out.resolve("findings.json"))).isNotNull();
      assertThat(lab.out.resolve("allure-report/index.html")).as("the report").isRegularFile();
      assertThat(lab.out.resolve("devices/phone/capture.har")).as("the capture").isRegularFile();
    }
    lab.assertNothingLeft();
  }

  @Test
  public void sigterm_after_an_upload_exits_1_with_the_upload_in_findings() throws Exception {
    Lab lab = lab("drip-term", DRIP, 60);
    try (HarnessProcess.Running run = lab.start()) {
      run.awaitLine("[phone] observing", 180);
      Thread.sleep(8000); // the network is up 3 s after the boot; the IMEI leaves every 2 s

      ProcessHandle.of(run.pid()).ifPresent(ProcessHandle::destroy);

      HarnessProcess.Result r = run.finish(120);

      assertThat(r.exitCode()).as("exit 1: an unconsented upload was seen\n%s", r.output()).isEqualTo(1);
      assertThat(r.output()).contains("FAILED   phone", "summary: (interrupted at ");
      assertThat(NightlySuiteIT.validFindings(lab.out.resolve("findings.json")).findValuesAsText("identifier"))
          .contains("imei");
    }
    lab.assertNothingLeft();
  }

  private static List<ProcessHandle> packetStream(String serial) {
    return HarnessProcess.processesMentioning("exec-out").stream()
        .filter(p -> p.info().commandLine().orElse("").contains(serial)).filter(ProcessHandle::isAlive).toList();
  }

  static void assertBroken(HarnessProcess.Result r, String... causes) {
    assertThat(r.exitCode()).as("exit 2: verdict unknown\n%s", r.output()).isEqualTo(2);
    assertThat(r.output()).contains("BROKEN", "exit 2: verdict unknown").contains(causes)
        .doesNotContain("PASSED   phone");
  }

  private static String serial(String line) {
    Matcher m = SERIAL.matcher(line);
    assertThat(m.find()).as("serial in '%s'", line).isTrue();
    return m.group(1);
  }

  static void kill(List<ProcessHandle> processes) {
    assertThat(processes).as("processes to kill").isNotEmpty();
    processes.forEach(ProcessHandle::destroyForcibly);
  }

  /** One virtual handset named {@code phone} on a firmware, the smoke suite, a short window. */
  static Lab lab(String name, String firmware, int observeSeconds) throws IOException {
    return lab(name, firmware, observeSeconds, "127.0.0.1", "");
  }

  private static Lab lab(String name, String firmware, int observeSeconds, String proxyHost) throws IOException {
    return lab(name, firmware, observeSeconds, proxyHost, "");
  }

  /** {@code more}: further {@code lab:} settings, e.g. {@code ", retries: 1"}. */
  static Lab lab(String name, String firmware, int observeSeconds, String proxyHost, String more)
      throws IOException {
    Path dir = Files.createTempDirectory("phonehome-fault-" + name);
    Files.writeString(dir.resolve("firmware.yaml"), firmware);
    Files.writeString(dir.resolve("devices.yaml"), """
        lab: { proxy-host: %s, mode: sinkhole, observe: %ds%s }
        devices:
          - name: phone
            identity: { imei: "490154203237518", wifi-mac: "02:1a:11:f0:0d:42" }
            virtual: { firmware: firmware.yaml }
        """.formatted(proxyHost, observeSeconds, more));
    return new Lab(dir, dir.resolve("out"));
  }

  record Lab(Path dir, Path out) {
    HarnessProcess.Running start() throws IOException {
      return start("smoke.xml");
    }

    HarnessProcess.Running start(String suite) throws IOException {
      return HarnessProcess.start("run", "--devices", dir.resolve("devices.yaml").toString(),
          "--suite", HarnessProcess.root().resolve("suites").resolve(suite).toString(), "--out", out.toString());
    }

    List<ProcessHandle> mitmdump() {
      return HarnessProcess.processesMentioning(out.resolve("devices/phone/mitmdump.flows").toString());
    }

    /** Every process of this run's that is still alive: proxy, adb stream, handset. */
    List<ProcessHandle> running() {
      return HarnessProcess.processesMentioning(out.toString()).stream().filter(ProcessHandle::isAlive).toList();
    }

    void assertNothingLeft() {
      assertThat(running()).as("processes of the run left running").isEmpty();
      assertThat(out.resolve("findings.json")).as("findings.json written").isRegularFile();
    }
  }
}
