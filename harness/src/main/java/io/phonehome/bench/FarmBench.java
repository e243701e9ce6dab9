package io.phonehome.bench;

import io.phonehome.capture.MitmProxy;
import io.phonehome.device.AdbServer;
import io.phonehome.device.IdentityKeys;
import io.phonehome.device.Tools;
import io.phonehome.farm.AppiumServer;
import io.phonehome.lifecycle.Ports;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import io.phonehome.scenario.RunContext;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code ./phonehome bench --farm 8 [--via direct|appium|both] [--observe 10s]}: the wall
 * time of N virtual handsets tested at once against one, for N = 1, 2, 4, 8, in the same
 * bench run, with what the harness itself costs per device. See the "Farm" section of
 * {@code docs/benchmark.md}.
 *
 * <p>Each measurement is a real {@code ./phonehome run} of {@code suites/smoke.xml}: a
 * child JVM on a generated devices.yaml of N handsets on {@code oem-2026} (Android 14),
 * each with an identity of its own, with an adb server of its own (a free port in
 * {@code ANDROID_ADB_SERVER_PORT}). Direct, the handsets are driven through their own
 * UiAutomator2-compatible endpoint; via Appium, through a managed Appium server and a
 * managed Selenium Grid. While the child runs, {@link TreeSampler} reads its CPU and
 * memory and those of everything it started from {@code /proc}. The firmware leaks, so
 * every run must exit 1; any other status is a failed measurement.
 */
final class FarmBench {
  /** The firmware every handset runs: current, and new enough (API 34) for the UiAutomator2 driver. */
  static final String FIRMWARE = "simulator/firmware/oem-2026.yaml";
  static final String SUITE = "suites/smoke.xml";
  /** What a run on a leaking firmware exits with. */
  private static final int EXPECTED_EXIT = 1;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
  private static final int LAST_LINES = 15;
  /** The farm goal: this many handsets ... */
  private static final int GOAL_DEVICES = 8;
  /** ... in at most this many times one handset's wall time. */
  private static final double GOAL_RATIO = 2.0;

  /** How the handsets are driven. */
  enum Via {
    DIRECT("direct"), APPIUM("appium");

    private final String label;

    Via(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** One child run: N handsets on one path, and what it cost. */
  record Measurement(Via via, int devices, int exitCode, double wallSeconds, double treeCpuSeconds,
      double machineCpuSeconds, TreeSampler.Sampled sampled, Path runDir, List<String> lastLines,
      List<Long> leftRunning) {
    boolean ok() {
      return exitCode == EXPECTED_EXIT && leftRunning.isEmpty();
    }

    double coresBusy() {
      return treeCpuSeconds / wallSeconds;
    }

    /** Cores that other work on the machine kept busy meanwhile (the machine's busy time less the tree's). */
    double othersCoresBusy() {
      return machineCpuSeconds < 0 ? -1 : Math.max(0, machineCpuSeconds - treeCpuSeconds) / wallSeconds;
    }

    /** Tree CPU that no sample saw: processes too short-lived for one, and the time after a process's last. */
    double unsampledCpuSeconds() {
      return Math.max(0, treeCpuSeconds - sampled.sampledCpuSeconds());
    }
  }

  /** What the farm figures gave: every measurement, in order, and how many failed. */
  record Outcome(List<Measurement> measurements, int failed) {}

  private final BenchOptions options;
  private final BiConsumer<String, String> figure;
  private final Consumer<String> say;
  private final Path root = RunContext.root();

  FarmBench(BenchOptions options, BiConsumer<String, String> figure, Consumer<String> say) {
    this.options = options;
    this.figure = figure;
    this.say = say;
  }

  Outcome run(Path work) throws IOException, InterruptedException, StartException {
    Path adb = AdbServer.locate().orElseThrow(() -> new IOException(
        "the farm figures need adb: install it with: apt-get install adb"));
    Path firmware = root.resolve(FIRMWARE);
    if (!Files.isRegularFile(firmware)) {
      throw new IOException("no firmware profile at " + firmware + " (is -Dphonehome.root the project folder?)");
    }
    List<Via> paths = new ArrayList<>();
    if (options.farmDirect()) {
      paths.add(Via.DIRECT);
    }
    if (options.farmAppium()) {
      if (Program.NODE.onPath().isPresent() && Program.NPM.onPath().isPresent()) {
        paths.add(Via.APPIUM);
      } else if (paths.isEmpty()) {
        throw new IOException("--via appium needs node and npm for the managed Appium server, and they are not on"
            + " PATH: install them with: apt-get install nodejs npm");
      } else {
        say.accept("farm: node and npm are not on PATH, so no managed Appium server: measuring the direct path"
            + " only (apt-get install nodejs npm, for the Appium path)");
      }
    }
    // paid once, before anything is timed: the lab CA beside the generated devices files,
    // and the managed Appium server's install
    MitmProxy.ensureLabCa(RunContext.labDir(work.resolve("devices.yaml")));
    if (paths.contains(Via.APPIUM)) {
      new AppiumServer(root.resolve(".phonehome/appium"), AdbServer.port(), work.resolve("appium-install.log"),
          say).install();
    }
    say.accept("farm: " + options.farmCounts() + " handsets on " + firmware.getFileName() + ", "
        + paths.stream().map(Via::label).toList() + ", smoke suite, observe " + options.farmObserve().toSeconds()
        + " s; each line is one ./phonehome run");
    List<Measurement> all = new ArrayList<>();
    int failed = 0;
    for (Via via : paths) {
      Measurement one = null;
      for (int n : options.farmCounts()) {
        Measurement m = measure(work, adb, firmware, via, n);
        all.add(m);
        if (n == 1) {
          one = m;
        }
        if (!m.ok()) {
          failed++;
        }
        report(m, one);
      }
    }
    table(all);
    return new Outcome(all, failed);
  }

  private Measurement measure(Path work, Path adb, Path firmware, Via via, int n)
      throws IOException, InterruptedException {
    String name = via.label() + "-" + n;
    Path devices = work.resolve("devices-" + name + ".yaml");
    Files.writeString(devices, devicesYaml(via, n, firmware, options.farmObserve()), StandardCharsets.UTF_8);
    Path runDir = work.resolve(name);
    Path log = work.resolve(name + ".log");
    int adbPort = Ports.freeLoopback();
    ProcessBuilder builder = Program.JAVA.command(Path.of(System.getProperty("java.home"), "bin", "java"),
        childCommand(devices, runDir));
    builder.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(adbPort));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    say.accept(String.format(Locale.ROOT, "farm: %s, %d handset%s (adb server port %d)...", via.label(), n,
        n == 1 ? "" : "s", adbPort));

    String adbServer = "tcp:" + adbPort;
    long reapedBefore = TreeSampler.reapedChildTicks();
    long machineBefore = TreeSampler.machineBusyTicks();
    long t0 = System.nanoTime();
    Process child = builder.start();
    TreeSampler sampler = new TreeSampler(child.pid(), line -> line.contains(adbServer)
        && line.contains("fork-server"));
    sampler.start();
    Thread stopChild = new Thread(() -> stop(child), "farm-bench-stop");
    Runtime.getRuntime().addShutdownHook(stopChild);
    int exit;
    try {
      if (child.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        exit = child.exitValue();
      } else {
        say.accept("farm: " + name + " did not finish within " + RUN_TIMEOUT.toMinutes() + " min: stopping it");
        stop(child);
        exit = -1;
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // shutting down already: the hook stops the child
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    long reaped = TreeSampler.reapedChildTicks() - reapedBefore;
    long machine = machineBefore < 0 ? -1 : TreeSampler.machineBusyTicks() - machineBefore;
    // helpers tied to the harness end within about a second of it
    List<Long> left = sampler.stillRunning();
    for (int i = 0; i < 50 && !left.isEmpty(); i++) {
      Thread.sleep(100);
      left = sampler.stillRunning();
    }
    TreeSampler.Sampled sampled = sampler.finish();
    Tools.run(Duration.ofSeconds(20), withPort(Program.ADB.command(adb, "kill-server"), adbPort));
    // the adb server detached itself from the tree: it is not among the reaped children
    double tree = reaped < 0 ? sampled.sampledCpuSeconds()
        : reaped / TreeSampler.TICKS_PER_SECOND + sampled.outsideCpuSeconds();
    List<String> lines = lastLines(log);
    return new Measurement(via, n, exit, wall, tree, machine < 0 ? -1 : machine / TreeSampler.TICKS_PER_SECOND,
        sampled, runDir, lines, sampled.stillRunning());
  }

  private static ProcessBuilder withPort(ProcessBuilder builder, int adbPort) {
    builder.environment().put("ANDROID_ADB_SERVER_PORT", Integer.toString(adbPort));
    return builder;
  }

  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
    }
  }

  /** {@code java ... io.phonehome.cli.Main run}, as the launcher starts the harness. */
  private List<String> childCommand(Path devices, Path runDir) {
    Path classes = root.resolve("harness/target/classes");
    Path lib = root.resolve("harness/target/lib");
    String classpath = Files.isDirectory(classes) && Files.isDirectory(lib)
        ? classes + File.pathSeparator + lib + File.separator + "*"
        : System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>(List.of("-Xmx1g", "-Djava.awt.headless=true", "-Dphonehome.root=" + root));
    for (String property : List.of("phonehome.simulator.jar", "phonehome.grid.lib")) {
      Optional.ofNullable(System.getProperty(property)).ifPresent(v -> cmd.add("-D" + property + "=" + v));
    }
    cmd.addAll(List.of("-cp", classpath, "io.phonehome.cli.Main", "run", "--devices", devices.toString(),
        "--suite", root.resolve(SUITE).toString(), "--out", runDir.toString()));
    return cmd;
  }

  /** N handsets on one firmware, each with an identity of its own (valid IMEI and ICCID check digits). */
  static String devicesYaml(Via via, int n, Path firmware, Duration observe) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("lab: { proxy-host: 127.0.0.1, mode: sinkhole, observe: ").append(observe.toMillis()).append("ms");
    if (via == Via.APPIUM) {
      yaml.append(", appium: managed, grid: managed");
    }
    yaml.append(" }\ndevices:\n");
    for (int i = 1; i <= n; i++) {
      String imei = "35693803" + String.format(Locale.ROOT, "%06d", 564300 + i);
      String iccid = "898869201234" + String.format(Locale.ROOT, "%06d", 500000 + i);
      yaml.append(String.format(Locale.ROOT, """
            - name: farm-%02d
              identity: { imei: "%s", phone-number: "+8869123%05d", imsi: "4669201234%05d", iccid: "%s",
                          android-id: "%016x", wifi-mac: "02:1a:11:00:%02x:%02x" }
              virtual: { firmware: %s%s }
          """, i, imei + IdentityKeys.luhnDigit(imei), i, i, iccid + IdentityKeys.luhnDigit(iccid),
          0x9774d56d682e0000L + i, i >> 8, i & 0xff, firmware, via == Via.APPIUM ? ", driver: appium" : ""));
    }
    return yaml.toString();
  }

  private void report(Measurement m, Measurement one) {
    String name = "farm " + m.via().label() + " " + m.devices();
    if (m.exitCode() != EXPECTED_EXIT) {
      figure.accept(name, "FAILED: the run exited with status " + m.exitCode() + " (expected " + EXPECTED_EXIT
          + ", the firmware leaks); run folder " + m.runDir());
      say.accept("farm: the run's last lines:");
      m.lastLines().forEach(l -> say.accept("  | " + l));
      return;
    }
    TreeSampler.Sampled s = m.sampled();
    int n = m.devices();
    StringBuilder parts = new StringBuilder();
    for (TreeSampler.Part p : TreeSampler.Part.values()) {
      double cpu = s.cpuSeconds().get(p);
      if (cpu > 0 || p == TreeSampler.Part.HARNESS || p == TreeSampler.Part.HANDSETS) {
        parts.append(String.format(Locale.ROOT, "%s %.1f, ", p.label(), cpu));
      }
    }
    parts.append(String.format(Locale.ROOT, "unsampled %.1f", m.unsampledCpuSeconds()));
    String other = s.otherByName().entrySet().stream().filter(e -> e.getValue() >= 0.05)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b)
        .map(o -> " [other: " + o + "]").orElse("");
    parts.append(other);
    figure.accept(name, String.format(Locale.ROOT, "wall %.1f s (%s one handset's), exit %d; harness JVM %.1f s"
        + " CPU, %.0f MB peak RSS (per device %.2f s, %.0f MB); whole tree %.1f s CPU (%.1f s per device, %.2f"
        + " cores busy; %s), %.0f MB peak RSS; other work on the machine meanwhile: %.2f cores%s", m.wallSeconds(),
        ratioText(m, one), m.exitCode(),
        s.harnessCpuSeconds(), mb(s.harnessPeakRssBytes()), s.harnessCpuSeconds() / n,
        mb(s.harnessPeakRssBytes()) / n, m.treeCpuSeconds(), m.treeCpuSeconds() / n, m.coresBusy(), parts,
        mb(s.treePeakRssBytes()), m.othersCoresBusy(),
        m.leftRunning().isEmpty() ? "" : "; LEFT RUNNING: pids " + m.leftRunning()));
  }

  private static String ratioText(Measurement m, Measurement one) {
    return one == null || !one.ok() ? "no N=1 to compare" : String.format(Locale.ROOT, "%.2fx",
        m.wallSeconds() / one.wallSeconds());
  }

  private void table(List<Measurement> all) {
    String header = String.format(Locale.ROOT, "%-7s %2s %7s %6s | %8s %6s %8s %6s | %8s %6s %5s %8s | %6s | %s",
        "via", "N", "wall s", "x N=1", "harn CPU", "/dev", "harn RSS", "/dev", "tree CPU", "/dev", "cores",
        "tree RSS", "others", "tree CPU by part, s");
    say.accept("");
    say.accept("farm (smoke suite on " + FIRMWARE + ", observe " + options.farmObserve().toSeconds()
        + " s; CPU in s, RSS in MB; harn = the harness JVM itself, tree = it and everything it started,"
        + " cores = tree CPU / wall, others = cores other work kept busy meanwhile):");
    say.accept("  " + header);
    for (Measurement m : all) {
      Measurement one = all.stream().filter(o -> o.via() == m.via() && o.devices() == 1).findFirst().orElse(null);
      if (m.exitCode() != EXPECTED_EXIT) {
        say.accept(String.format(Locale.ROOT, "  %-7s %2d FAILED (exit %d)", m.via().label(), m.devices(),
            m.exitCode()));
        continue;
      }
      TreeSampler.Sampled s = m.sampled();
      int n = m.devices();
      StringBuilder parts = new StringBuilder();
      for (Map.Entry<TreeSampler.Part, Double> e : s.cpuSeconds().entrySet()) {
        if (e.getValue() >= 0.05) {
          parts.append(String.format(Locale.ROOT, "%s %.1f ", e.getKey().label(), e.getValue()));
        }
      }
      parts.append(String.format(Locale.ROOT, "unsampled %.1f", m.unsampledCpuSeconds()));
      say.accept(String.format(Locale.ROOT,
          "  %-7s %2d %7.1f %6s | %8.1f %6.2f %8.0f %6.0f | %8.1f %6.1f %5.2f %8.0f | %6.2f | %s",
          m.via().label(), n, m.wallSeconds(), one == null || !one.ok() ? "-"
              : String.format(Locale.ROOT, "%.2f", m.wallSeconds() / one.wallSeconds()),
          s.harnessCpuSeconds(), s.harnessCpuSeconds() / n, mb(s.harnessPeakRssBytes()),
          mb(s.harnessPeakRssBytes()) / n, m.treeCpuSeconds(), m.treeCpuSeconds() / n, m.coresBusy(),
          mb(s.treePeakRssBytes()), m.othersCoresBusy(), parts));
    }
    say.accept("");
  }

  /** The closing line: whether 8 handsets took at most twice one handset's wall time, per path. */
  static String goal(List<Measurement> all) {
    List<String> verdicts = new ArrayList<>();
    for (Via via : Via.values()) {
      Optional<Measurement> one = all.stream().filter(m -> m.via() == via && m.devices() == 1 && m.ok()).findFirst();
      Optional<Measurement> most = all.stream().filter(m -> m.via() == via && m.ok())
          .max((a, b) -> Integer.compare(a.devices(), b.devices()));
      if (all.stream().noneMatch(m -> m.via() == via)) {
        continue;
      }
      if (one.isEmpty() || most.isEmpty() || most.get().devices() == 1) {
        verdicts.add(via.label() + " not measured (no N=1 and larger N that both ran)");
        continue;
      }
      double ratio = most.get().wallSeconds() / one.get().wallSeconds();
      if (most.get().devices() < GOAL_DEVICES) {
        verdicts.add(String.format(Locale.ROOT, "%s not measured at %d (largest N %d: %.2fx)", via.label(),
            GOAL_DEVICES, most.get().devices(), ratio));
      } else {
        verdicts.add(String.format(Locale.ROOT, "%s %s, %d handsets in %.2fx one handset's wall time", via.label(),
            ratio <= GOAL_RATIO ? "met" : "NOT met", most.get().devices(), ratio));
      }
    }
    return String.format(Locale.ROOT, "goal (%d handsets in <= %.0fx one handset's wall time, same run): %s",
        GOAL_DEVICES, GOAL_RATIO, String.join("; ", verdicts));
  }

  private static List<String> lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return List.copyOf(lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
    } catch (IOException | RuntimeException e) {
      return List.of("(no output: " + e.getMessage() + ")");
    }
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
