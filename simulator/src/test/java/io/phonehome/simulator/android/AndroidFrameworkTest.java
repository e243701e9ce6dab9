package io.phonehome.simulator.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.Identity;
import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The adb side of a handset driven by Appium, read with the patterns the UiAutomator2
 * driver (appium-adb 16.0.5, io.appium.settings 8.0.9) parses it with.
 */
public class AndroidFrameworkTest {
  private static final String SETTINGS_HELPER = "io.appium.settings";
  private static final String SERVER = "io.appium.uiautomator2.server";
  private static final String SERVER_TEST = SERVER + ".test";
  private static final String RUNNER = "androidx.test.runner.AndroidJUnitRunner";

  private VirtualHandset handset;
  private AndroidShell shell;

  static FirmwareProfile android9() {
    return new FirmwareProfile(Path.of("android9.yaml"), new FirmwareProfile.Build("NimbusOS-3.2.0",
        "Nimbus/aurora/aurora:9/PQ3A.190801.002/5670241:user/release-keys"),
        Map.of("secure:backup", "1"), Map.of("Back up", "secure:backup"), List.of());
  }

  @BeforeMethod
  public void handset() throws Exception {
    handset = new VirtualHandset(android9(), Identity.empty(), 0, 0, VirtualHandset.Driver.APPIUM);
    shell = (AndroidShell) handset.shell();
  }

  @AfterMethod(alwaysRun = true)
  public void close() {
    handset.close();
  }

  private String sh(String line) {
    return shell.run(line).output();
  }

  /** What {@code adb install} does: push the APK to /data/local/tmp, then {@code pm install}. */
  private String install(byte[] apk, String name, String flags) {
    handset.state().fs().write("/data/local/tmp/" + name, apk, 0644);
    return sh("pm 'install' " + flags + " '/data/local/tmp/" + name + "'");
  }

  private void installDriverApks() {
    assertThat(install(ManifestFixtures.apk(ManifestFixtures.app(SETTINGS_HELPER, 191, "8.0.9", 26,
        "android.permission.ACCESS_FINE_LOCATION", "android.permission.INTERNET")), "settings.apk", "'-g'"))
        .isEqualTo("Success\n");
    assertThat(install(ManifestFixtures.apk(ManifestFixtures.app(SERVER, 278, "10.6.6", 26)), "server.apk", "'-r'"))
        .isEqualTo("Success\n");
    assertThat(install(ManifestFixtures.apk(ManifestFixtures.instrumentation(SERVER_TEST, RUNNER, SERVER)), "test.apk",
        "'-r'")).isEqualTo("Success\n");
  }

  @Test
  public void a_firmware_older_than_android_8_cannot_be_driven_by_appium() {
    FirmwareProfile old = new FirmwareProfile(Path.of("old.yaml"), new FirmwareProfile.Build("MIUI-V5",
        "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys"), Map.of(), Map.of(), List.of());

    assertThatThrownBy(() -> new VirtualHandset(old, Identity.empty(), 0, 0, VirtualHandset.Driver.APPIUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API 18").hasMessageContaining("API 26");
  }

  @Test
  public void installed_packages_are_listed_dumped_and_pathed_as_the_driver_parses_them() {
    installDriverApks();

    Matcher listed = Pattern.compile("^package:(\\S+)(?:\\s+versionCode:(\\d+))?", Pattern.MULTILINE)
        .matcher(sh("cmd package list packages --show-versioncode"));
    Map<String, String> versions = new java.util.LinkedHashMap<>();
    while (listed.find()) {
      versions.put(listed.group(1), listed.group(2));
    }
    assertThat(versions).containsEntry(SETTINGS_HELPER, "191").containsEntry(SERVER, "278")
        .containsEntry("com.android.settings", "28");

    String dump = sh("dumpsys package " + SERVER);
    assertThat(dump).containsPattern(Pattern.compile("^\\s*Package\\s+\\[" + Pattern.quote(SERVER) + "\\][^:]+:$",
        Pattern.MULTILINE));
    assertThat(first("versionName=([\\d+.]+)", dump)).isEqualTo("10.6.6");
    assertThat(first("versionCode=(\\d+)", dump)).isEqualTo("278");
    assertThat(sh("dumpsys package " + SETTINGS_HELPER))
        .containsPattern("\\s+android.permission.ACCESS_FINE_LOCATION: granted=true")
        .contains("      android.intent.action.MAIN:\n", SETTINGS_HELPER + "/.Settings filter",
            "Category: \"android.intent.category.LAUNCHER\"");
    assertThat(sh("dumpsys package com.example.none")).doesNotContain("Package [");
    assertThat(sh("pm list instrumentation")).isEqualTo("instrumentation:" + SERVER_TEST + "/" + RUNNER
        + " (target=" + SERVER + ")\n");
    assertThat(sh("pm path " + SERVER)).matches("package:/data/app/" + Pattern.quote(SERVER) + "-\\d+/base.apk\n");
    assertThat(sh("cmd package resolve-activity --brief " + SETTINGS_HELPER).lines()
        .filter(l -> l.matches("^[\\p{L}0-9./_$]+$"))).containsExactly(SETTINGS_HELPER + "/.Settings");
  }

  @Test
  public void pm_install_refuses_what_android_refuses_with_its_failure_codes() {
    byte[] newer = ManifestFixtures.apk(ManifestFixtures.app("com.example.q", 3, "3.0", 29));
    byte[] v2 = ManifestFixtures.apk(ManifestFixtures.app("com.example.app", 2, "2.0", 21));
    byte[] v1 = ManifestFixtures.apk(ManifestFixtures.app("com.example.app", 1, "1.0", 21));

    assertThat(install(newer, "q.apk", "")).startsWith("Failure [INSTALL_FAILED_OLDER_SDK:")
        .contains("Requires newer sdk version #29 (current version is #28)");
    assertThat(install(v2, "a.apk", "")).isEqualTo("Success\n");
    assertThat(install(v2, "a.apk", "")).startsWith("Failure [INSTALL_FAILED_ALREADY_EXISTS:");
    assertThat(install(v1, "b.apk", "-r")).isEqualTo("Failure [INSTALL_FAILED_VERSION_DOWNGRADE]\n");
    assertThat(install("not a zip".getBytes(StandardCharsets.UTF_8), "c.apk", ""))
        .startsWith("Failure [INSTALL_PARSE_FAILED_NOT_APK:");
    assertThat(sh("pm uninstall com.example.app")).isEqualTo("Success\n");
    assertThat(sh("pm uninstall com.example.app")).isEqualTo("Failure [DELETE_FAILED_INTERNAL_ERROR]\n");
  }

  @Test
  public void ps_lists_every_process_in_the_columns_the_driver_finds_by_title() {
    installDriverApks();
    sh("am start-activity -n " + SETTINGS_HELPER + "/.Settings -a android.intent.action.MAIN");

    assertThat(sh("ps --help")).containsPattern(Pattern.compile("^-A\\b", Pattern.MULTILINE));
    List<String> lines = sh("ps -A").lines().toList();
    List<String> titles = List.of(lines.get(0).trim().split("\\s+"));
    int pid = titles.indexOf("PID");
    int name = titles.indexOf("NAME");
    assertThat(pid).isNotNegative();
    List<String> names = lines.stream().skip(1).map(l -> l.trim().split("\\s+")[name]).toList();
    assertThat(names).contains("init", "system_server", "com.android.launcher", SETTINGS_HELPER);
    assertThat(lines.stream().skip(1).map(l -> l.trim().split("\\s+")[pid]).allMatch(p -> p.matches("\\d+"))).isTrue();
  }

  @Test
  public void the_settings_helper_runs_a_foreground_service_until_it_is_force_stopped() {
    installDriverApks();
    String services = "dumpsys activity services " + SETTINGS_HELPER;
    assertThat(sh(services)).doesNotContain("isForeground=true");

    String started = sh("am start-activity -n " + SETTINGS_HELPER + "/.Settings -a android.intent.action.MAIN "
        + "-c android.intent.category.LAUNCHER");

    assertThat(started).doesNotContainPattern("(?im)^error:");
    assertThat(sh(services)).contains("isForeground=true", SETTINGS_HELPER + "/.ForegroundService");
    assertThat(sh("dumpsys activity processes")).containsPattern("ProcessRecord\\{\\w+\\s+(\\d+):"
        + Pattern.quote(SETTINGS_HELPER) + "/");
    sh("am force-stop " + SETTINGS_HELPER);
    assertThat(sh(services)).doesNotContain("isForeground=true");
    assertThat(sh("ps -A")).doesNotContain(SETTINGS_HELPER);
  }

  @Test
  public void starting_settings_brings_its_screen_to_the_front_as_the_window_manager_reports() {
    String out = sh("am start-activity -W -a android.intent.action.MAIN -c android.intent.category.LAUNCHER "
        + "-f 0x10200000 -n com.android.settings/.Settings");

    assertThat(out).startsWith("Starting: Intent { act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER]"
        + " flg=0x10200000 cmp=com.android.settings/.Settings }").contains("Status: ok\n", "Complete\n");
    assertThat(handset.ui().current().packageName()).isEqualTo("com.android.settings");
    String windows = sh("dumpsys window windows");
    assertThat(first("(?m)^\\s*mCurrentFocus.+\\{.+\\s([^\\s/]+)/([^\\s]+)\\b", windows)).isEqualTo("com.android.settings");
    assertThat(windows).contains("mScreenOnFully=true").doesNotContain("mShowingLockscreen=true");
    assertThat(sh("am start-activity -n com.android.settings/.Nope")).contains(
        "Error: Activity class {com.android.settings/com.android.settings.Nope} does not exist.");
    sh("input keyevent 3");
    assertThat(handset.ui().current().packageName()).isEqualTo("com.android.launcher");
  }

  @Test
  public void am_instrument_w_runs_the_server_until_it_shuts_down_or_its_package_is_force_stopped() throws Exception {
    installDriverApks();
    AtomicReference<Runnable> shutdown = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    AndroidFramework android = handset.framework().orElseThrow();
    android.activities().serveWhenInstrumented(SERVER, new InstrumentedServer() {
      @Override
      public int port() {
        return 6790;
      }

      @Override
      public Run start(Packages.Package target, Runnable end) {
        shutdown.set(end);
        return new Run() {
          @Override
          public void serve(DevicePorts.Connection connection) {
            connection.close();
          }

          @Override
          public void stop() {
            stopped.countDown();
          }
        };
      }
    });
    String line = "am instrument -w -e disableAnalytics true " + SERVER_TEST + "/" + RUNNER;

    Instrument first = Instrument.start(shell, line);
    assertThat(first.awaitServing(android)).isTrue();
    assertThat(sh("ps -A")).contains(SERVER);
    shutdown.get().run();
    assertThat(first.output(10)).contains("OK (1 test)");
    assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(android.ports().connect(6790)).isEmpty();
    assertThat(sh("ps -A")).doesNotContain(SERVER);

    Instrument second = Instrument.start(shell, line);
    assertThat(second.awaitServing(android)).isTrue();
    sh("am force-stop " + SERVER);
    assertThat(second.output(10)).contains("INSTRUMENTATION_RESULT: shortMsg=Process crashed.");
    assertThat(android.ports().connect(6790)).isEmpty();

    Instrument third = Instrument.start(shell, line);
    assertThat(third.awaitServing(android)).isTrue();
    third.hangUp();
    Thread.sleep(300);
    assertThat(android.ports().connect(6790)).as("the instrumenting shell went away").isEmpty();
    assertThat(sh("am instrument -w com.example/.Runner")).contains("INSTRUMENTATION_FAILED: com.example/.Runner");
  }

  /** An {@code am instrument -w} running on its own thread, as under {@code adb shell}. */
  private static final class Instrument {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Thread thread;

    private Instrument(Thread thread) {
      this.thread = thread;
    }

    static Instrument start(AndroidShell shell, String line) {
      Instrument[] self = new Instrument[1];
      Thread t = new Thread(() -> shell.runStreaming(line, false, new Terminal(self)), "am-instrument");
      self[0] = new Instrument(t);
      t.setDaemon(true);
      t.start();
      return self[0];
    }

    boolean awaitServing(AndroidFramework android) throws InterruptedException {
      for (int i = 0; i < 50; i++) {
        if (android.ports().connect(6790).isPresent()) {
          return true;
        }
        Thread.sleep(100);
      }
      return false;
    }

    String output(int seconds) throws InterruptedException {
      thread.join(seconds * 1000L);
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    void hangUp() {
      thread.interrupt();
    }

    private static final class Terminal implements Consumer<byte[]>, Flushable {
      private final Instrument[] self;

      Terminal(Instrument[] self) {
        this.self = self;
      }

      @Override
      public void accept(byte[] bytes) {
        synchronized (self[0].out) {
          self[0].out.writeBytes(bytes);
        }
      }

      @Override
      public void flush() {
        // written as it comes
      }
    }
  }

  @Test
  public void adb_logcat_follows_the_log_until_its_reader_hangs_up() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Consumer<byte[]> terminal = b -> {
      synchronized (out) {
        out.writeBytes(b);
      }
    };
    Thread logcat = new Thread(() -> shell.runStreaming("export ANDROID_LOG_TAGS=\"''\"; exec logcat '-v' 'threadtime'",
        false, terminal));
    logcat.start();
    Thread.sleep(300);
    handset.state().log().log(1234, 1234, 'I', "phonehome", "a line logged later");
    Thread.sleep(800);
    logcat.interrupt();
    logcat.join(5000);

    assertThat(logcat.isAlive()).isFalse();
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    assertThat(text).startsWith("--------- beginning of main\n").contains("System now ready", "a line logged later");
  }

  @Test
  public void a_reboot_ends_every_app_process_and_service_but_keeps_the_packages() {
    installDriverApks();
    sh("am start-activity -n " + SETTINGS_HELPER + "/.Settings");
    sh("am start-activity -n com.android.settings/.Settings");

    handset.framework().orElseThrow().reboot();

    assertThat(sh("ps -A")).doesNotContain(SETTINGS_HELPER, "com.android.settings").contains("system_server");
    assertThat(sh("dumpsys activity services")).contains("(nothing)");
    assertThat(handset.ui().current().packageName()).isEqualTo("com.android.launcher");
    assertThat(sh("pm list packages -3")).contains("package:" + SETTINGS_HELPER + "\n");
  }

  @Test
  public void the_driver_shell_idioms_answer_as_on_a_phone() {
    assertThat(sh("[ -e '/data/local/tmp' ] && echo __PASS__")).isEqualTo("__PASS__\n");
    assertThat(sh("[ -e '/data/local/tmp/mock_apps.json' ] && echo __PASS__")).isEmpty();
    assertThat(sh("rm '/data/local/tmp/x.apk' </dev/null")).doesNotContain("/dev/null");
    assertThat(sh("settings put global hidden_api_policy_pre_p_apps 1;settings put global hidden_api_policy 1;"
        + "settings get global hidden_api_policy")).isEqualTo("1\n");
    assertThat(sh("appops set com.android.settings android:mock_location allow; appops get com.android.settings"))
        .isEqualTo("MOCK_LOCATION: allow\n");
    assertThat(sh("dumpsys deviceidle whitelist +com.android.settings ; dumpsys deviceidle whitelist +com.example.x ;"))
        .isEqualTo("Added: com.android.settings\nUnknown package: com.example.x\n");
    assertThat(sh("wm size")).isEqualTo("Physical size: 1080x2340\n");
    assertThat(sh("dumpsys power")).containsPattern("mWakefulness=Awake").doesNotContain("Dozing");
    assertThat(sh("getprop ro.build.version.sdk")).isEqualTo("28\n");
    assertThat(sh("dumpsys iphonesubinfo")).contains("Device ID");
  }

  private static String first(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
    return m.group(1);
  }
}
