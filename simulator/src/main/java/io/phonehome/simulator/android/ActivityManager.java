package io.phonehome.simulator.android;

import io.phonehome.simulator.state.LogBuffer;
import io.phonehome.simulator.webdriver.ui.App;
import io.phonehome.simulator.webdriver.ui.ForeignAppScreen;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code am} asks of Android's activity manager: starting activities (the handset's
 * own apps show their screens; an installed APK shows an empty window of its own),
 * force-stopping packages, foreground services, and running instrumentations.
 *
 * <p>The code of an installed APK does not run. Two APKs that the UiAutomator2 driver
 * installs are modelled by what they do: Appium Settings ({@code io.appium.settings}),
 * whose launcher activity starts its foreground service and finishes at once, and the
 * UiAutomator2 server, whose test APK's instrumentation runs an {@link InstrumentedServer}
 * on a device port for as long as it is instrumented.
 */
public final class ActivityManager {
  /** Packages whose launcher activity only starts a foreground service and finishes. */
  private static final Map<String, String> SERVICE_LAUNCHERS =
      Map.of("io.appium.settings", "io.appium.settings.ForegroundService");

  private final Packages packages;
  private final Processes processes;
  private final DevicePorts ports;
  private final Ui ui;
  private final LogBuffer log;
  private final Map<String, InstrumentedServer> servers = new HashMap<>();
  /** Running foreground services: package to service classes. */
  private final Map<String, List<String>> foregroundServices = new LinkedHashMap<>();
  private final Map<String, Instrumented> instrumented = new HashMap<>();

  /** The activity manager over these packages and processes, starting apps on {@code ui}. */
  public ActivityManager(Packages packages, Processes processes, DevicePorts ports, Ui ui, LogBuffer log) {
    this.packages = packages;
    this.processes = processes;
    this.ports = ports;
    this.ui = ui;
    this.log = log;
  }

  /** Makes instrumenting {@code targetPackage} run {@code server}. */
  public synchronized void serveWhenInstrumented(String targetPackage, InstrumentedServer server) {
    servers.put(targetPackage, server);
  }

  /** The package manager it starts packages of. */
  public Packages packages() {
    return packages;
  }

  /** The process table its apps run in. */
  public Processes processes() {
    return processes;
  }

  /** The screens; {@code am start} of the handset's own apps changes what they show. */
  public Ui ui() {
    return ui;
  }

  /** The package and activity (fully qualified) in front, as the window manager focuses it. */
  public Map.Entry<String, String> focused() {
    String pkg = ui.current().packageName();
    return Map.entry(pkg, Packages.qualify(pkg, ui.current().activity()));
  }

  /** Why an activity could not be started, as {@code am start} prints it (without "Error: "). */
  public static final class StartException extends Exception {
    StartException(String message) {
      super(message);
    }
  }

  /**
   * Starts an activity of an installed package: its process starts, and it comes to the
   * front. Returns the activity started, fully qualified.
   *
   * @param activity fully qualified, {@code .Cls}, or empty for the launcher activity
   */
  public String startActivity(String pkg, String activity) throws StartException {
    Packages.Package p = packages.get(pkg).orElseThrow(() -> new StartException(
        "Activity class {" + pkg + "/" + Packages.qualify(pkg, activity.isEmpty() ? ".Main" : activity)
            + "} does not exist."));
    String cls = activity.isEmpty()
        ? p.manifest().launcherActivity().orElseThrow(() -> new StartException(
            "Activity not started, unable to resolve Intent { act=android.intent.action.MAIN "
                + "cat=[android.intent.category.LAUNCHER] pkg=" + pkg + " }"))
        : Packages.qualify(pkg, activity);
    if (!p.manifest().activities().contains(cls)) {
      throw new StartException("Activity class {" + pkg + "/" + cls + "} does not exist.");
    }
    Processes.Process proc = processes.ensureApp(pkg, p.uid());
    log.log(934, 1003, 'I', "ActivityManager", "START u0 {cmp=" + Packages.shortComponent(pkg, cls)
        + "} from uid 2000");
    String service = SERVICE_LAUNCHERS.get(pkg);
    if (service != null && p.manifest().services().contains(service)) {
      startForegroundService(pkg, service, proc);
      return cls;
    }
    Optional<App> own = ui.apps().byPackage(pkg);
    boolean launcherActivity = p.manifest().launcherActivity().map(cls::equals).orElse(false);
    if (own.isPresent() && launcherActivity) {
      ui.launch(pkg);
    } else {
      ui.launch(new ForeignAppScreen(pkg, cls.startsWith(pkg + ".") ? cls.substring(pkg.length()) : cls));
    }
    return cls;
  }

  private void startForegroundService(String pkg, String service, Processes.Process proc) {
    synchronized (this) {
      List<String> running = foregroundServices.computeIfAbsent(pkg, k -> new ArrayList<>());
      if (!running.contains(service)) {
        running.add(service);
      }
    }
    processes.whenEnded(proc.pid(), () -> {
      synchronized (this) {
        foregroundServices.remove(pkg);
      }
    });
  }

  /** The foreground services running for {@code pkg} (all packages when null), by package. */
  public synchronized Map<String, List<String>> foregroundServices(String pkg) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    foregroundServices.forEach((k, v) -> {
      if (pkg == null || pkg.equals(k)) {
        out.put(k, List.copyOf(v));
      }
    });
    return out;
  }

  /**
   * {@code am force-stop}: the package's process ends (its services and any
   * instrumentation of it with it) and its screens close.
   */
  public void forceStop(String pkg) {
    processes.killByName(pkg);
    synchronized (this) {
      foregroundServices.remove(pkg);
    }
    ui.close(pkg);
  }

  /** How an instrumentation ended, as {@code am instrument} reports it. */
  public enum Outcome {
    /** It ran to its end (the server shut itself down). */
    FINISHED,
    /** Its process was killed or force-stopped. */
    CRASHED,
    /** It is still running (the caller stopped waiting). */
    RUNNING
  }

  private static final class Instrumented {
    final CountDownLatch ended = new CountDownLatch(1);
    volatile Outcome outcome = Outcome.RUNNING;
    int pid;
  }

  /** Why {@code am instrument} could not start the instrumentation. */
  public static final class InstrumentException extends Exception {
    InstrumentException(String message) {
      super(message);
    }
  }

  /**
   * Starts an instrumentation ({@code pkg/runner}) in its target's process. A target with
   * an {@link InstrumentedServer} runs it until the server shuts down or the process ends;
   * any other finishes at once, having run no test.
   *
   * @return a handle to wait on
   */
  public Handle instrument(String component) throws InstrumentException {
    int slash = component.indexOf('/');
    if (slash <= 0) {
      throw new InstrumentException("Bad component name: " + component);
    }
    String pkg = component.substring(0, slash);
    String runner = Packages.qualify(pkg, component.substring(slash + 1));
    Optional<ApkManifest.Instrumentation> found = packages.get(pkg)
        .flatMap(p -> p.manifest().instrumentations().stream().filter(i -> i.name().equals(runner)).findFirst());
    if (found.isEmpty()) {
      throw new InstrumentException("Unable to find instrumentation info for: ComponentInfo{" + pkg + "/" + runner + "}");
    }
    String target = found.get().targetPackage();
    Packages.Package targetPackage = packages.get(target).orElseThrow(() -> new InstrumentException(
        "Unable to find instrumentation target package: " + target));
    Instrumented run = new Instrumented();
    InstrumentedServer server;
    synchronized (this) {
      Instrumented before = instrumented.get(target);
      if (before != null && before.outcome == Outcome.RUNNING) {
        // a new instrumentation of a package restarts its process, as on a phone
        processes.kill(before.pid);
      }
      instrumented.put(target, run);
      server = servers.get(target);
    }
    processes.killByName(target);
    Processes.Process proc = processes.ensureApp(target, targetPackage.uid());
    run.pid = proc.pid();
    log.log(934, 1003, 'I', "ActivityManager", "Start proc " + proc.pid() + ":" + target + "/"
        + Packages.userName(targetPackage.uid()) + " for added application " + target);
    if (server == null) {
      run.outcome = Outcome.FINISHED;
      processes.kill(proc.pid());
      run.ended.countDown();
      return new Handle(run, 0);
    }
    InstrumentedServer.Run serving = server.start(targetPackage, () -> {
      run.outcome = Outcome.FINISHED;
      processes.kill(proc.pid());
    });
    try {
      ports.listen(server.port(), serving);
    } catch (IllegalStateException e) {
      serving.stop();
      processes.kill(proc.pid());
      throw new InstrumentException(e.getMessage());
    }
    processes.whenEnded(proc.pid(), () -> {
      ports.close(server.port(), serving);
      serving.stop();
      if (run.outcome == Outcome.RUNNING) {
        run.outcome = Outcome.CRASHED;
      }
      run.ended.countDown();
    });
    return new Handle(run, 1);
  }

  /** A started instrumentation. */
  public static final class Handle {
    private final Instrumented run;
    private final int tests;

    private Handle(Instrumented run, int tests) {
      this.run = run;
      this.tests = tests;
    }

    /** The tests it runs: 1 for a server, 0 otherwise. */
    public int tests() {
      return tests;
    }

    /** Waits up to {@code millis} for its end; returns how it stands then. */
    public Outcome await(long millis) throws InterruptedException {
      run.ended.await(millis, TimeUnit.MILLISECONDS);
      return run.outcome;
    }

    /** Ends it as killing its process does (the instrumenting shell went away). */
    public void kill(Processes processes) {
      processes.kill(run.pid);
    }
  }
}
