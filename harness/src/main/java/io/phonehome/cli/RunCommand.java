package io.phonehome.cli;

import io.phonehome.device.Inventory;
import io.phonehome.device.InventoryException;
import io.phonehome.device.InventoryParser;
import io.phonehome.lifecycle.Interruption;
import io.phonehome.lifecycle.Program;
import io.phonehome.report.AllureReport;
import io.phonehome.report.findings.FindingsJsonWriter;
import io.phonehome.report.findings.FindingsReport;
import io.phonehome.report.RunRecorder;
import io.phonehome.scenario.Devices;
import io.phonehome.scenario.Run;
import io.phonehome.scenario.Progress;
import io.phonehome.scenario.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.testng.TestNG;

/** {@code ./phonehome run}: a suite on the devices of a devices.yaml, and its report. */
final class RunCommand {
  /** How long an interrupted run may take to restore the phones and write its results. */
  private static final Duration GRACE = Duration.ofSeconds(90);

  private RunCommand() {}

  static int run(Options options) throws UsageException {
    Path root = RunContext.root();
    Path devices = Path.of(options.get("--devices").orElse(root.resolve("devices.yaml").toString()))
        .toAbsolutePath().normalize();
    Inventory inventory;
    try {
      inventory = InventoryParser.parse(devices);
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
    Path suite = Path.of(options.get("--suite").orElse(root.resolve("suites/privacy-nightly.xml").toString()));
    if (!Files.isRegularFile(suite)) {
      throw new UsageException("no suite file at " + suite + " (see suites/)");
    }
    for (Program tool : List.of(Program.MITMDUMP, Program.ADB)) {
      if (tool.onPath().isEmpty()) {
        throw new UsageException(tool.executable() + " not found: ./phonehome run installs it (as root),"
            + " or: apt-get install " + (tool == Program.MITMDUMP ? "mitmproxy" : "adb"));
      }
    }
    Path reports = inventory.baseDir().resolve(inventory.lab().reports());
    Path out = options.get("--out").map(Path::of)
        .orElse(reports.resolve(RunContext.newRunName())).toAbsolutePath().normalize();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UsageException("cannot create " + out + ": " + e.getMessage());
    }
    // library logs go to the run folder; the terminal gets one progress line per step
    System.setProperty("org.slf4j.simpleLogger.logFile", out.resolve("harness.log").toString());
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("allure.results.directory", out.resolve("allure-results").toString());

    // one run: the lab parsed once, one recorder, the run folder's phonehome.log from here on
    Run run = new Run(root, inventory, out);
    inventory.warnings().forEach(w -> Progress.lab("warning: " + w));
    Progress.lab("phonehome run: " + suite.getFileName() + " on " + inventory.devices().size()
        + " device(s) from " + devices + "; output in " + out);
    Interruption.forRun(GRACE, Progress::lab);
    RunRecorder recorder = run.recorder();
    TestNG testng = new TestNG();
    testng.addListener(run.binder());
    try {
      testng.setXmlSuites(Devices.perDevice(suite, inventory));
    } catch (IOException | org.testng.TestNGException e) {
      throw new UsageException("cannot read the suite " + suite + ": " + e.getMessage());
    }
    int atOnce = inventory.lab().devicesAtOnce(inventory.devices().size());
    testng.setSuiteThreadPoolSize(atOnce);
    if (atOnce > 1) {
      Progress.lab("testing " + atOnce + " devices at once (lab.parallel"
          + (inventory.lab().parallel() == 0 ? " not set: every device" : ": " + inventory.lab().parallel()) + ")");
    }
    testng.setOutputDirectory(out.resolve("testng").toString());
    testng.setUseDefaultListeners(false);
    testng.setVerbose(0);
    try {
      testng.run();
    } finally {
      run.close();
    }

    Path findings = out.resolve("findings.json");
    FindingsReport all = FindingsReport.empty();
    List<String> order = inventory.devices().stream().map(d -> d.name()).toList();
    for (RunRecorder.AuditEntry a : inDeviceOrder(recorder.audits(), RunRecorder.AuditEntry::device, order)) {
      FindingsReport one = FindingsReport.of(a.device(), a.test(), a.result());
      all = all.plus(recorder.tries(a.device(), a.test()) > 1 ? one.inTry(a.attempt()) : one);
    }
    try {
      FindingsJsonWriter.write(all, findings);
    } catch (java.io.UncheckedIOException e) {
      Progress.lab("could not write " + findings + ": " + e.getMessage());
    }
    Path diff = out.resolve("firmware-diff.json");
    try {
      if (run.firmwareDiffs().write(diff)) {
        Progress.lab("firmware comparison: " + diff);
      }
    } catch (IOException e) {
      Progress.lab("could not write " + diff + ": " + e.getMessage());
    }
    Path latest = reports.resolve("latest");
    java.util.Map<String, String> unrestored = new java.util.LinkedHashMap<>();
    inDeviceOrder(recorder.unrestored().entrySet(), java.util.Map.Entry::getKey, order).forEach(u ->
        unrestored.put("phone not restored: " + u.getKey(), String.join("; ", u.getValue())));
    try {
      AllureReport.environment(out.resolve("allure-results"), unrestored);
    } catch (IOException e) {
      Progress.lab("could not write the report's environment: " + e.getMessage());
    }
    Optional<Path> previous = Files.isDirectory(latest.resolve("allure-report"))
        ? Optional.of(latest.resolve("allure-report")) : Optional.empty();
    AllureReport.Result report = AllureReport.generate(root, out.resolve("allure-results"),
        out.resolve("allure-report"), previous);
    if (out.startsWith(reports)) {
      pointLatestAt(latest, out);
    }
    summarize(recorder, out, findings, report, order);
    return recorder.exitCode();
  }

  private static void pointLatestAt(Path latest, Path out) {
    try {
      Files.deleteIfExists(latest);
      Files.createSymbolicLink(latest, latest.getParent().relativize(out));
    } catch (IOException | UnsupportedOperationException e) {
      Progress.log("could not point " + latest + " at " + out + ": " + e.getMessage());
    }
  }

  /**
   * {@code items} with the devices in devices.yaml order, each device's in the order they
   * came: devices tested side by side finish in any order, the summary does not.
   */
  static <T> List<T> inDeviceOrder(java.util.Collection<T> items, java.util.function.Function<T, String> device,
      List<String> order) {
    return items.stream()
        .sorted(java.util.Comparator.comparingInt(t -> {
          int at = order.indexOf(device.apply(t));
          return at < 0 ? order.size() : at;
        }))
        .toList();
  }

  private static void summarize(RunRecorder recorder, Path out, Path findings, AllureReport.Result report,
      List<String> order) {
    Progress.lab("summary:" + Interruption.interruptedAt()
        .map(t -> " (interrupted at " + LocalTime.ofInstant(t, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
            + ": tests under way or not begun are BROKEN)").orElse(""));
    for (RunRecorder.Entry e : inDeviceOrder(recorder.entries(), RunRecorder.Entry::device, order)) {
      String counts = e.audit()
          .map(a -> a.flows() + " flows, " + a.unconsented().size() + " unconsented findings"
              + (a.unverifiable().isEmpty() ? "" : ", " + a.unverifiable().size() + " unverifiable"))
          .orElse("");
      // a broken test leads with its cause: the counts of a window not watched prove nothing
      String detail = e.outcome() == RunRecorder.Outcome.BROKEN || counts.isEmpty() ? e.message() : counts;
      if (e.tries() > 1) {
        detail += "; on try " + e.tries() + ", " + String.join(", ", e.earlierTries());
      }
      Progress.lab(String.format("  %-8s %-20s %s (%s)", e.outcome(), e.device(), e.test(), detail));
    }
    if (recorder.entries().isEmpty()) {
      Progress.lab("  no scenario ran: see " + out.resolve("phonehome.log"));
    }
    inDeviceOrder(recorder.unrestored().entrySet(), java.util.Map.Entry::getKey, order).forEach(u ->
        Progress.lab(String.format("  %-8s %-20s %s", "NOT RESTORED", u.getKey(), String.join("; ", u.getValue()))));
    Progress.lab("findings: " + findings);
    Progress.lab(report.index().map(i -> "report: " + i).orElse("report: none (" + report.problem() + ")"));
    inDeviceOrder(recorder.entries(), RunRecorder.Entry::device, order).stream()
        .filter(e -> e.outcome() == RunRecorder.Outcome.BROKEN).findFirst()
        .filter(e -> recorder.exitCode() == 2)
        .ifPresent(e -> Progress.lab("exit 2: verdict unknown, " + recorder.entries().stream()
            .filter(x -> x.outcome() == RunRecorder.Outcome.BROKEN).count() + " test(s) BROKEN; first: "
            + e.device() + " " + e.test() + ": " + e.message()));
  }
}
