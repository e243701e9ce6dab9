package io.phonehome.scenario;

import io.phonehome.capture.CaptureMode;
import io.phonehome.capture.HarWriter;
import io.phonehome.capture.MitmProxy;
import io.phonehome.capture.MitmProxyOptions;
import io.phonehome.capture.PhonePacketCapture;
import io.phonehome.capture.ProxyProbe;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.PolicyFileException;
import io.phonehome.device.AdbServer;
import io.phonehome.device.AndroidDevice;
import io.phonehome.device.DeviceException;
import io.phonehome.device.DeviceSpec;
import io.phonehome.device.Inventory;
import io.phonehome.device.LabConfig;
import io.phonehome.device.PhoneLiveness;
import io.phonehome.device.Restoration;
import io.phonehome.device.VirtualHandsetProcess;
import io.phonehome.device.phone.PhoneIdentity;
import io.phonehome.device.phone.PhoneIdentityReader;
import io.phonehome.farm.AppiumServer;
import io.phonehome.farm.GridHub;
import io.phonehome.farm.GridNode;
import io.phonehome.farm.GridOptions;
import io.phonehome.farm.RelayTarget;
import io.phonehome.lifecycle.Interruption;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Startable;
import io.phonehome.lifecycle.Watch;
import io.phonehome.report.RunRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The lab for one run: the adb server, and each device in devices.yaml started (virtual
 * handsets) and provisioned (capture proxy, phone proxy setting, lab CA) when its first
 * test asks for it, and all of it undone at the end, in reverse order, also after
 * failures. Devices are provisioned, tested and taken down side by side (each under its
 * own lock); a device that cannot be provisioned makes only its own tests BROKEN.
 */
public final class LabSession implements AutoCloseable {
  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(2);
  /** How often each device's watch polls its parts. */
  private static final Duration WATCH_PERIOD = Duration.ofSeconds(1);
  /** A booted phone on the lab network reaches its proxy within this. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  private static final String INTERRUPTED = "the run was interrupted (Ctrl-C, SIGTERM or SIGHUP)";

  private final Inventory inventory;
  private final Path runDir;
  private final Path labDir;
  private final Path root;
  private final RunRecorder recorder;
  /** The lab's own parts (the adb server, a managed Appium server), closed last. */
  private final Deque<AutoCloseable> cleanup = new java.util.concurrent.ConcurrentLinkedDeque<>();
  /** Each device's parts, closed in reverse order at the end of its tests or before a retry. */
  private final Map<String, Deque<AutoCloseable>> deviceCleanup = new ConcurrentHashMap<>();
  private final Map<String, DeviceUnderTest> ready = new ConcurrentHashMap<>();
  private final Map<String, String> broken = new ConcurrentHashMap<>();
  /** One lock per device: its provisioning, retry and teardown never wait on another device's. */
  private final Map<String, Object> deviceLocks = new ConcurrentHashMap<>();
  /** Devices whose provisioning was tried (once: later tests find them ready or broken). */
  private final java.util.Set<String> provisioned = ConcurrentHashMap.newKeySet();
  /** Set once the lab starts closing: no device is provisioned after that. */
  private volatile boolean closing;
  /** {@code lab.appium: managed}: installed and started by the first device that needs it. */
  private final SharedPart<AppiumServer> managedAppium;
  /** {@code lab.grid: managed}: the hub, started by the first device. */
  private final SharedPart<GridHub> managedHub;
  private final java.util.concurrent.atomic.AtomicInteger gridNodes = new java.util.concurrent.atomic.AtomicInteger();
  private AdbServer adb;

  /** The lab of one {@link Run}; started by it. */
  LabSession(Inventory inventory, Path runDir, Path root, RunRecorder recorder) {
    this.inventory = inventory;
    this.runDir = runDir;
    this.labDir = RunContext.labDir(inventory.source());
    this.root = root;
    this.recorder = recorder;
    this.managedAppium = new SharedPart<>("the managed Appium server",
        () -> new AppiumServer(root.resolve(".phonehome/appium"), AdbServer.port(), runDir.resolve("lab/appium.log"),
            Progress::lab),
        server -> Progress.lab("lab: Appium " + AppiumServer.APPIUM_VERSION + " (UiAutomator2 "
            + AppiumServer.DRIVER_VERSION + ") on " + server.url() + ", log " + server.log()));
    this.managedHub = new SharedPart<>("the managed Selenium Grid hub", () -> new GridHub(gridOptions()),
        hub -> Progress.lab("lab: Selenium Grid hub on " + hub.url() + ", log " + hub.logFile()));
  }

  /**
   * A provisioned device (provisioned now if this is its first test), or a
   * DeviceException (BROKEN) saying why it is not.
   */
  public DeviceUnderTest device(String name) {
    if (Interruption.interrupted()) {
      throw new DeviceException(name + ": not run: " + INTERRUPTED);
    }
    Optional<DeviceSpec> spec = inventory.device(name);
    if (spec.isPresent() && adb != null) {
      synchronized (lockOf(name)) {
        if (!closing && provisioned.add(name)) {
          provisionOrBreak(spec.get());
        }
      }
    }
    DeviceUnderTest d = ready.get(name);
    if (d == null) {
      throw new DeviceException(name + " is not available: "
          + broken.getOrDefault(name, "not in " + inventory.source()));
    }
    List<Watch.Loss> lost = d.watch().losses();
    if (!lost.isEmpty()) {
      throw new WatchLostException(name, lost, "before this test began");
    }
    return d;
  }

  /** The run was stopped: every window under way ends now, unwatched from here on. */
  void interrupted() {
    for (DeviceUnderTest d : ready.values()) {
      d.watch().lost(Watch.WATCH, INTERRUPTED, List.of());
    }
  }

  /**
   * A part the lab's devices share (a managed Appium server, a managed grid hub), started
   * by the first device that needs it and stopped with the lab. One that could not start
   * breaks every device that needs it, with the same cause, without trying again.
   */
  private final class SharedPart<T extends Startable> {
    private final String what;
    private final Supplier<T> make;
    private final Consumer<T> started;
    private T part;
    private String failure;

    SharedPart(String what, Supplier<T> make, Consumer<T> started) {
      this.what = what;
      this.make = make;
      this.started = started;
    }

    synchronized T get() throws StartException {
      if (failure != null) {
        throw new StartException(failure);
      }
      if (part == null) {
        T made = make.get();
        try {
          made.start();
        } catch (StartException e) {
          failure = what + " did not start: " + e.getMessage();
          throw new StartException(failure, e.details(), e);
        }
        cleanup.push(made);
        part = made;
        started.accept(made);
      }
      return part;
    }
  }

  private GridOptions gridOptions() {
    return GridOptions.in(runDir.resolve("lab"));
  }

  private Object lockOf(String device) {
    return deviceLocks.computeIfAbsent(device, k -> new Object());
  }

  /** Starts the lab's adb server; without one every device is BROKEN with the cause. */
  void start() {
    Progress.lab("lab: " + inventory.devices().size() + " device(s) from " + inventory.source()
        + ", run folder " + runDir);
    try {
      adb = new AdbServer(AdbServer.locate().orElseThrow(() -> new StartException(
          "adb not found: install it with: apt-get install adb")));
      adb.start();
      cleanup.push(adb);
    } catch (StartException e) {
      inventory.devices().forEach(d -> broken.put(d.name(), e.getMessage()));
      Progress.lab("lab: " + e.getMessage());
    }
  }

  private void provisionOrBreak(DeviceSpec spec) {
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    deviceCleanup.put(spec.name(), parts);
    try {
      ready.put(spec.name(), provision(spec, parts));
      broken.remove(spec.name());
    } catch (StartException | IOException | RuntimeException e) {
      broken.put(spec.name(), e.getMessage());
      Progress.device(spec.name(), "BROKEN: " + e.getMessage());
    }
  }

  /**
   * {@code lab.retries}: whether a test that ended BROKEN on a device runs again. If it
   * may, the device is taken down (its evidence so far kept in {@code before-retry-N/}) and
   * provisioned afresh first. A test FAILED is never retried: the caller asks only for
   * BROKEN ones.
   */
  public boolean retryBroken(String name, String test, String cause) {
    int allowed = inventory.lab().retries();
    Optional<DeviceSpec> spec = inventory.device(name);
    if (allowed == 0 || spec.isEmpty() || Interruption.interrupted()) {
      return false;
    }
    synchronized (lockOf(name)) {
      return !closing && retry(spec.get(), test, cause, allowed);
    }
  }

  private boolean retry(DeviceSpec spec, String test, String cause, int allowed) {
    String name = spec.name();
    // the run's recorder keeps the tries: it learns of each one TestNG runs again
    int used = recorder.tries(name, test) - 1;
    if (used >= allowed) {
      Progress.device(name, test + ": BROKEN in all " + (used + 1) + " tries, not retried again");
      return false;
    }
    int round = recorder.retriesOn(name) + 1;
    Progress.device(name, test + " try " + (used + 1) + " BROKEN (" + cause + "): re-provisioning for try "
        + (used + 2) + " of " + (allowed + 1));
    ready.remove(name);
    closeAll(deviceCleanup.remove(name));
    Path evidence = runDir.resolve("devices").resolve(name);
    try {
      Path kept = Evidence.setAside(evidence, Evidence.EARLIER + round, List.of(
          test + " try " + (used + 1) + " ended BROKEN: " + cause,
          "This folder holds the device's evidence from its provisioning until then (capture.har,",
          "mitmdump.flows, phone.pcap, logs), tests that ran before it on the device included."));
      Progress.device(name, "evidence of the broken try kept in " + kept);
    } catch (IOException e) {
      Progress.device(name, "could not set the broken try's evidence aside (" + e.getMessage()
          + "): the next try writes over it");
    }
    provisionOrBreak(spec);
    return true;
  }

  private DeviceUnderTest provision(DeviceSpec declared, Deque<AutoCloseable> cleanup)
      throws StartException, IOException {
    String name = declared.name();
    Path evidence = runDir.resolve("devices").resolve(name);
    DeviceSpec spec = declared;
    if (declared.isVirtual()) {
      VirtualHandsetProcess handset = new VirtualHandsetProcess(declared, evidence);
      cleanup.push(handset);
      handset.start();
      spec = handset.provisioned();
      String serial = spec.serial().orElseThrow();
      cleanup.push(() -> adb.disconnect(serial));
      Progress.device(name, "virtual handset started ("
          + declared.virtual().get().firmware().getFileName() + ")");
    }
    Optional<AppiumServer> appium = Optional.empty();
    if (spec.appium().isEmpty()) {
      // no server of its own: the lab's, started on first use when it is managed
      LabConfig.Service labAppium = inventory.lab().appium().orElseThrow(() -> new StartException(
          name + " has no Appium server: give it appium: URL, or set lab.appium in " + inventory.source()));
      if (labAppium.managed()) {
        appium = Optional.of(managedAppium.get());
        spec = spec.withAppium(appium.get().url());
      } else {
        spec = spec.withAppium(labAppium.url().orElseThrow());
      }
    }
    String serial = spec.serial().orElseThrow();
    if (serial.matches(".+:\\d+")) {
      adb.connect(serial);
    }
    AndroidDevice phone = new AndroidDevice(adb, spec);
    phone.waitForBoot(BOOT_TIMEOUT);
    List<Watch.Check> gridChecks = new java.util.ArrayList<>();
    if (inventory.lab().grid().isPresent()) {
      // every session through the hub; a managed one gets a relay node for this device
      LabConfig.Service grid = inventory.lab().grid().get();
      if (grid.managed()) {
        GridHub hub = managedHub.get();
        GridNode node = new GridNode(hub, gridNodes.incrementAndGet(),
            RelayTarget.of(spec.appiumUdid().orElseThrow(), spec.appium().orElseThrow()), gridOptions());
        cleanup.push(node);
        node.start();
        gridChecks.add(hub.check());
        gridChecks.add(node.check());
        Progress.device(name, "relayed by " + node.name() + " behind the grid hub " + hub.url()
            + ", log " + node.logFile());
        spec = spec.withAppium(hub.url());
      } else {
        spec = spec.withAppium(grid.url().orElseThrow());
      }
    }

    LabConfig lab = inventory.lab();
    CaptureMode mode = lab.mode() == LabConfig.ProxyMode.SINKHOLE
        ? CaptureMode.SINKHOLE : CaptureMode.PASSTHROUGH;
    // one lab CA for every device: made once, before any device's proxy starts, for
    // proxies started side by side would each make their own in the shared folder
    MitmProxy.ensureLabCa(labDir);
    MitmProxy proxy = new MitmProxy(
        MitmProxyOptions.of(name, labDir, evidence, mode).withProxyHost(lab.proxyHost()));
    cleanup.push(() -> saveEvidence(name, proxy, evidence));
    cleanup.push(proxy);
    proxy.start();
    Watch watch = new Watch(name);
    proxy.checks().forEach(watch::add);
    appium.ifPresent(a -> watch.add(a.check()));
    gridChecks.forEach(watch::add);

    Restoration restore = new Restoration(phone, line -> Progress.device(name, line));
    cleanup.push(() -> restored(name, restore, evidence));
    restore.proxy(phone.proxySetting(), lab.proxyHost());
    phone.setProxy(lab.proxyHost(), proxy.port());
    boolean caInstalled = phone.installCa(proxy.caCertificate());
    if (caInstalled) {
      restore.caInstalled();
    }
    Progress.device(name, "provisioned (adb " + serial + ", proxy " + lab.proxyHost() + ":"
        + proxy.port() + ", lab CA " + (caInstalled ? "installed" : "NOT installed: phone not rooted")
        + ", build " + phone.getprop("ro.build.fingerprint") + ")");
    ProxyProbe probe = new ProxyProbe(name, phone::shell, lab.proxyHost(), proxy.port(), proxy.capture());
    try {
      Optional<String> unreachable = probe.check(PROBE_TIMEOUT);
      if (unreachable.isPresent()) {
        throw new StartException(unreachable.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartException("interrupted while probing the route to the proxy");
    }
    Duration observe = spec.observe().orElse(lab.observe());
    PhoneIdentity identity = new PhoneIdentityReader(phone::shell).read();
    Optional<PhonePacketCapture> packets = Optional.empty();
    if (spec.rooted()) {
      PhonePacketCapture pcap = new PhonePacketCapture(adb.adbPath(), serial, evidence.resolve("phone.pcap"));
      try {
        pcap.start();
        cleanup.push(pcap);
        packets = Optional.of(pcap);
        watch.add(pcap.check());
      } catch (StartException e) {
        Progress.device(name, e.getMessage() + " (traffic around the proxy goes unseen)");
      }
    }
    Optional<ConsentPolicyFile> policy = Optional.empty();
    if (spec.consentPolicy().isPresent()) {
      try {
        policy = Optional.of(ConsentPolicyFile.read(spec.consentPolicy().get()));
      } catch (PolicyFileException e) {
        throw new StartException(e.getMessage());
      }
    }
    PhoneLiveness liveness = PhoneLiveness.watch(phone, adb, watch);
    watch.onLoss(loss -> Progress.device(name, "WATCH LOST: " + loss.describe()));
    // pushed last, so closed first: the parts stopping at the end are no loss
    cleanup.push(watch);
    watch.start(WATCH_PERIOD);
    DeviceUnderTest dut = new DeviceUnderTest(spec, phone, proxy, evidence, observe, identity, policy, packets,
        adb, probe, watch, liveness, restore, recorder);
    Files.write(evidence.resolve("identity.txt"), dut.identityTable(), StandardCharsets.UTF_8);
    Progress.device(name, "identity read over adb: " + identity.values().values().size() + " values"
        + (identity.notes().isEmpty() ? "" : "; " + String.join("; ", identity.notes())));
    return dut;
  }

  /**
   * At the end of a test on a device: what its scenario planted is deleted. What cannot
   * be is left for the end of the run, which tries again.
   */
  public void afterTest(String name) {
    DeviceUnderTest d = ready.get(name);
    if (d != null) {
      d.restoration().tidy().forEach(p -> Progress.device(name, "not yet restored: " + p + " (tried again at the end)"));
    }
  }

  /** Undoes what the lab changed on a phone, then records (and writes down) what it could not. */
  private void restored(String name, Restoration restore, Path evidence) {
    restore.close();
    List<String> left = restore.unrestored();
    recorder.unrestored(name, left);
    try {
      Files.write(evidence.resolve("restore.txt"), left.isEmpty()
          ? List.of("left as found: planted messages and contacts deleted, settings the tests changed, proxy setting and"
              + " lab CA restored")
          : left, StandardCharsets.UTF_8);
    } catch (IOException e) {
      Progress.device(name, "could not write restore.txt: " + e.getMessage());
    }
    if (!left.isEmpty()) {
      Progress.device(name, "NOT RESTORED: " + String.join("; ", left));
    }
  }

  private static void saveEvidence(String name, MitmProxy proxy, Path dir) {
    try {
      HarWriter.write(proxy.capture().flows(), dir.resolve("capture.har"));
    } catch (IOException | RuntimeException e) {
      Progress.device(name, "could not write capture.har: " + e.getMessage());
    }
  }

  public List<String> deviceNames() {
    return inventory.devices().stream().map(DeviceSpec::name).toList();
  }

  public Path runDir() {
    return runDir;
  }

  /**
   * At the end of a device's tests: its parts are taken down (the phone restored, its
   * capture saved, its proxy and handset stopped) while other devices go on.
   */
  public void closeDevice(String name) {
    synchronized (lockOf(name)) {
      provisioned.add(name);
      ready.remove(name);
      closeAll(deviceCleanup.remove(name));
    }
  }

  /**
   * Undoes everything still set up, the devices in reverse order, then the adb server.
   * It takes no device's lock, so a shutdown never waits for a provisioning under way.
   */
  @Override
  public synchronized void close() {
    closing = true;
    ready.clear();
    List<String> names = new java.util.ArrayList<>(deviceNames());
    java.util.Collections.reverse(names);
    names.forEach(n -> closeAll(deviceCleanup.remove(n)));
    closeAll(cleanup);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (parts != null && !parts.isEmpty()) {
      AutoCloseable c = parts.pop();
      try {
        c.close();
      } catch (Exception e) {
        Progress.log("cleanup: " + e);
      }
    }
  }
}
