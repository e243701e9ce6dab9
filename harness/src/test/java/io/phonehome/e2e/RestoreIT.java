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
import org.testng.annotations.Test;

/**
 * Real runs of the declined SMS test on a phone on the bench (a virtual handset this
 * test starts, so that it outlives the run and can be read afterwards): the phone is
 * left as found, with its own proxy setting and privacy switches back, no lab CA and none of the planted
 * messages and contacts; a phone that dropped off adb is re-connected and restored; a
 * phone gone for good is named in the summary, the report and its evidence.
 */
public class RestoreIT {
  private static final String FOUND_PROXY = "10.9.8.7:3128";
  private static final String CA_DIR = "/system/etc/security/cacerts";

  @Test
  public void a_run_leaves_the_phone_as_found() throws Exception {
    try (Bench bench = Bench.start("as-found", 3)) {
      bench.shell("settings put global http_proxy " + FOUND_PROXY);
      String contacts = bench.shell("content query --uri content://com.android.contacts/data/phones");
      String sms = bench.shell("content query --uri content://sms");
      String cas = bench.shell("ls " + CA_DIR);
      String settings = bench.shell("settings list secure") + bench.shell("settings list system");

      HarnessProcess.Result r = bench.run(300);

      assertThat(r.output()).as(r.output()).contains("contact Canary ", "restored: planted SMS ")
          .doesNotContain("NOT RESTORED");
      assertThat(bench.shell("settings get global http_proxy").trim()).as("the proxy setting found").isEqualTo(FOUND_PROXY);
      assertThat(bench.shell("content query --uri content://com.android.contacts/data/phones"))
          .as("contacts as found").isEqualTo(contacts);
      assertThat(bench.shell("content query --uri content://sms")).as("messages as found").isEqualTo(sms);
      assertThat(bench.shell("ls " + CA_DIR)).as("no lab CA left").isEqualTo(cas);
      assertThat(bench.shell("settings list secure") + bench.shell("settings list system"))
          .as("the privacy switches as found, after the tests turned them off and on").isEqualTo(settings);
      assertThat(r.output()).contains("restored: settings (");
      assertThat(Files.readString(bench.out.resolve("devices/phone/restore.txt"))).startsWith("left as found");
    }
  }

  @Test
  public void a_phone_that_dropped_off_adb_is_reconnected_and_restored() throws Exception {
    try (Bench bench = Bench.start("dropped", 6)) {
      HarnessProcess.Running run = bench.begin();
      try (run) {
        run.awaitLine("[phone] observing", 240);
        Tools.run(Duration.ofSeconds(10), Program.ADB.command("disconnect", bench.phone.serial()));

        HarnessProcess.Result r = run.finish(300);

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("adb link lost at ", "could not restore ", "restored: proxy setting")
            .doesNotContain("NOT RESTORED");
      }
      Tools.run(Duration.ofSeconds(10), Program.ADB.command("connect", bench.phone.serial()));
      assertThat(bench.shell("settings get global http_proxy").trim()).as("proxy cleared").isEqualTo("null");
      assertThat(bench.shell("content query --uri content://sms")).doesNotContain("ph-");
      assertThat(Files.readString(bench.out.resolve("devices/phone/restore.txt"))).startsWith("left as found");
    }
  }

  @Test
  public void a_phone_gone_for_good_is_named_not_restored() throws Exception {
    try (Bench bench = Bench.start("gone", 6)) {
      HarnessProcess.Running run = bench.begin();
      try (run) {
        run.awaitLine("[phone] observing", 240);
        bench.phone.stop();

        HarnessProcess.Result r = run.finish(300);

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).containsPattern("NOT RESTORED +phone +planted SMS '[^']+' and contact 'Canary [0-9a-f]+'"
            + " not undone: .*; proxy setting not undone: .*; tried again after waiting 20 s");
      }
      assertThat(Files.readString(bench.out.resolve("devices/phone/restore.txt")))
          .contains("proxy setting not undone", "lab CA not undone");
      assertThat(Files.readString(bench.out.resolve("allure-results/environment.properties")))
          .contains("phone\\ not\\ restored\\:\\ phone=");
    }
  }

  /** One phone on the bench, declared by serial and Appium URL, and a run folder. */
  private record Bench(Path dir, Path out, VirtualHandsetProcess phone) implements AutoCloseable {
    static Bench start(String name, int observeSeconds) throws Exception {
      Path dir = Files.createTempDirectory("phonehome-restore-" + name);
      Files.writeString(dir.resolve("firmware.yaml"), WatchFaultIT.QUIET);
      Map<String, String> identity = Map.of("imei", "490154203237518", "phone-number", "+886911222333");
      DeviceSpec spec = new DeviceSpec("phone", Optional.empty(), Optional.empty(), true, identity, List.of(),
          Optional.empty(), Optional.empty(), Optional.of(new DeviceSpec.Virtual(dir.resolve("firmware.yaml"))),
          Optional.empty());
      VirtualHandsetProcess phone = new VirtualHandsetProcess(spec, Files.createDirectories(dir.resolve("bench")));
      Bench bench = new Bench(dir, dir.resolve("out"), phone);
      try {
        phone.start();
        Tools.run(Duration.ofSeconds(10), Program.ADB.command("connect", phone.serial()));
        Files.writeString(dir.resolve("devices.yaml"), """
            lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: %ds }
            devices:
              - name: phone
                serial: "%s"
                appium: "%s"
                rooted: true
                identity: { imei: "490154203237518", phone-number: "+886911222333" }
            """.formatted(observeSeconds, phone.serial(), phone.webDriverUrl()));
        Files.writeString(dir.resolve("sms.xml"), """
            <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
            <suite name="sms-declined" verbose="0">
              <listeners><listener class-name="io.phonehome.scenario.PhonehomeListener"/></listeners>
              <test name="sms-send"><classes><class name="io.phonehome.scenario.SmsSendTest">
                <methods><include name="declined"/></methods>
              </class></classes></test>
            </suite>
            """);
      } catch (Exception e) {
        bench.close();
        throw e;
      }
      return bench;
    }

    HarnessProcess.Running begin() throws IOException {
      return HarnessProcess.start("run", "--devices", dir.resolve("devices.yaml").toString(),
          "--suite", dir.resolve("sms.xml").toString(), "--out", out.toString());
    }

    HarnessProcess.Result run(int timeoutSeconds) throws Exception {
      try (HarnessProcess.Running run = begin()) {
        return run.finish(timeoutSeconds);
      }
    }

    String shell(String command) {
      Tools.Result r = Tools.run(Duration.ofSeconds(20), Program.ADB.command("-s", phone.serial(), "shell", command));
      return r.output().replace("\r\n", "\n");
    }

    @Override
    public void close() {
      phone.stop();
      Tools.run(Duration.ofSeconds(10), Program.ADB.command("disconnect", phone.serial()));
    }
  }
}
