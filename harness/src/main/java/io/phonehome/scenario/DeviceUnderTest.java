package io.phonehome.scenario;

import io.phonehome.audit.AuditResult;
import io.phonehome.capture.Capture;
import io.phonehome.capture.Flow;
import io.phonehome.capture.MitmProxy;
import io.phonehome.capture.PhonePacketCapture;
import io.phonehome.capture.ProxyProbe;
import io.phonehome.capture.pcap.PcapFilter;
import io.phonehome.capture.pcap.PcapFlows;
import io.phonehome.capture.pcap.PcapReader;
import io.phonehome.capture.pcap.PcapResult;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.detect.IdentitySet;
import io.phonehome.device.AdbServer;
import io.phonehome.device.AndroidDevice;
import io.phonehome.device.AppiumSession;
import io.phonehome.device.DeviceException;
import io.phonehome.device.DeviceSpec;
import io.phonehome.device.Flasher;
import io.phonehome.device.IdentitySwitch;
import io.phonehome.device.PhoneLiveness;
import io.phonehome.device.Restoration;
import io.phonehome.device.phone.IdentityMerge;
import io.phonehome.device.phone.PhoneIdentity;
import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Watch;
import io.phonehome.report.RunRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provisioned phone as a scenario sees it: adb control, an Appium session on demand,
 * its capture proxy and what the lab knows of its identity. A virtual handset looks
 * exactly like a phone on the bench here.
 */
public final class DeviceUnderTest {
  /** How long a phone's network may take to come up after a boot before its route counts as lost. */
  static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);
  /** How long the proxy may take to report the uploads still arriving (a large one is many MB). */
  private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(30);

  private final DeviceSpec spec;
  private final AndroidDevice phone;
  private final MitmProxy proxy;
  private final Path evidenceDir;
  private final Duration observe;
  private final PhoneIdentity readFromPhone;
  private final IdentityMerge identity;
  private final Optional<ConsentPolicyFile> consentPolicy;
  private final Optional<PhonePacketCapture> packets;
  private final AdbServer adb;
  private final ProxyProbe probe;
  private final Watch watch;
  private final PhoneLiveness liveness;
  private final Restoration restoration;
  private final RunRecorder recorder;

  DeviceUnderTest(DeviceSpec spec, AndroidDevice phone, MitmProxy proxy, Path evidenceDir,
      Duration observe, PhoneIdentity readFromPhone, Optional<ConsentPolicyFile> consentPolicy,
      Optional<PhonePacketCapture> packets, AdbServer adb, ProxyProbe probe, Watch watch,
      PhoneLiveness liveness, Restoration restoration, RunRecorder recorder) {
    this.spec = spec;
    this.phone = phone;
    this.proxy = proxy;
    this.evidenceDir = evidenceDir;
    this.observe = observe;
    this.readFromPhone = readFromPhone;
    this.identity = IdentityMerge.merge(declaredIdentity(spec), readFromPhone);
    this.consentPolicy = consentPolicy;
    this.packets = packets;
    this.adb = adb;
    this.probe = probe;
    this.watch = watch;
    this.liveness = liveness;
    this.restoration = restoration;
    this.recorder = recorder;
  }

  /** Records what a step of {@code test} concluded on this phone, for the run's findings.json. */
  void record(String test, AuditResult result) {
    recorder.audit(name(), test, result);
  }

  /** What the lab changed on this phone, undone at the end of each test and of the run. */
  public Restoration restoration() {
    return restoration;
  }

  /**
   * Installs a firmware build (the device's flash template, recovery by default), then
   * provisions the phone again: the proxy setting, the lab CA (a new system image has
   * lost it) and the packet capture. Returns the build the phone reports.
   */
  public Flasher.Build install(Path image, Duration bootTimeout) {
    try (Watch.Expected flashing = watch.expect("firmware install", Watch.ADB_LINK, Watch.BOOT, Watch.PACKETS)) {
      Flasher.Build build = Flasher.flash(phone, adb, image, bootTimeout);
      liveness.rebase();
      phone.setProxy(probe.proxyHost(), proxy.port());
      phone.installCa(proxy.caCertificate());
      resumePacketCapture();
      proveTheRoute();
      return build;
    }
  }

  /**
   * What the phone sent since a moment: the proxy's flows, then what its packet
   * capture saw going around the proxy (direct sockets, DNS, QUIC), read from the pcap
   * as it stands. A flow's index is its place in its own capture, for the whole session
   * (so the same flow keeps its number in every step's window): the proxy's for channel
   * proxy and tls-refused, the packet capture's (its files in order) for direct, dns and
   * quic. The two can share a number; {@link Flow#id()} tells them apart.
   */
  public List<Flow> flowsSince(Instant since) {
    closeTheWindow();
    List<Flow> flows = new ArrayList<>(proxy.capture().flowsSince(since));
    flows.removeIf(f -> probe.isProbe(f) || proxy.isCheckpoint(f));
    PcapFilter notTheProxy = PcapFilter.proxy(proxy.host() + ":" + proxy.port());
    List<Flow> aroundTheProxy = new ArrayList<>();
    int inCapture = 0;
    for (Path file : packets.map(PhonePacketCapture::files).orElse(List.of())) {
      try {
        PcapResult pcap = new PcapReader().read(file);
        unreadPackets(file, pcap);
        for (Flow f : PcapFlows.from(pcap, notTheProxy)) {
          Flow numbered = f.withIndex(inCapture++);
          if (!numbered.time().isBefore(since)) {
            aroundTheProxy.add(numbered);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(name() + ": cannot read the packet capture " + file + ": "
            + e.getMessage(), e);
      }
    }
    flows.addAll(aroundTheProxy);
    return flows;
  }

  /**
   * A packet capture read only in part is a lost watch: what was skipped may have been
   * anything. A record cut short at the end is not: tcpdump is still writing it.
   */
  private void unreadPackets(Path file, PcapResult pcap) {
    pcap.problemsBeyondALiveTail().stream().findFirst()
        .ifPresent(p -> watch.lost(Watch.PACKETS, "the packet capture " + file.getFileName()
            + " could not be read whole (" + p + "), so what the phone sent around the proxy is unknown",
            pcap.problems()));
  }

  /**
   * Has the proxy report the uploads still arriving, so that they are judged with the
   * bytes that arrived; a proxy that cannot is a lost watch (a dead one is lost already).
   */
  private void closeTheWindow() {
    if (!proxy.isRunning()) {
      return;
    }
    try {
      proxy.checkpoint(CHECKPOINT_TIMEOUT)
          .ifPresent(why -> watch.lost(Watch.PROXY, why, LogTail.of(proxy.logFile(), 15)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.lost(Watch.PROXY, "the end-of-window request to the proxy was interrupted", List.of());
    }
    int inFlight = proxy.capture().inFlight();
    if (inFlight > 0) {
      Progress.device(name(), inFlight + (inFlight == 1 ? " upload" : " uploads")
          + " still in flight at the end of the window, judged with the bytes that arrived");
    }
  }

  /**
   * Reboots the phone, waits for the boot to complete and resumes the packet capture
   * (the reboot ended its adb stream).
   */
  public void reboot(Duration timeout) {
    try (Watch.Expected rebooting = watch.expect("reboot", Watch.ADB_LINK, Watch.BOOT, Watch.PACKETS)) {
      phone.reboot();
      phone.waitForBoot(timeout);
      liveness.rebase();
      resumePacketCapture();
    }
    proveTheRoute();
  }

  /**
   * After a boot the harness made: the phone must reach its proxy again, or the window
   * that follows is not watched (a lost route is a loss like any other part's).
   */
  private void proveTheRoute() {
    try {
      probe.check(ROUTE_TIMEOUT).ifPresent(why -> watch.lost(Watch.ROUTE, why, List.of()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.lost(Watch.ROUTE, "the probe of the route to the proxy was interrupted", List.of());
    }
  }

  /**
   * Whether this device was watched the whole time so far: every part the verdict rests
   * on polled now, and every loss since provisioning.
   */
  public Watch watch() {
    return watch;
  }

  private void resumePacketCapture() {
    if (packets.isPresent()) {
      try {
        packets.get().resume();
      } catch (StartException e) {
        throw new DeviceException(name() + ": packet capture did not resume after the reboot: "
            + e.getMessage(), e);
      }
    }
  }

  /** The phone's packet capture (rooted phones whose tcpdump runs), if any. */
  public Optional<PhonePacketCapture> packets() {
    return packets;
  }

  /** What the phone's user agreed to (devices.yaml {@code consent-policy:}), if given. */
  public Optional<ConsentPolicyFile> consentPolicy() {
    return consentPolicy;
  }

  public String name() {
    return spec.name();
  }

  /** The device as devices.yaml declares it (serial and Appium URL filled in). */
  public DeviceSpec spec() {
    return spec;
  }

  public AndroidDevice phone() {
    return phone;
  }

  public Capture capture() {
    return proxy.capture();
  }

  public Path evidenceDir() {
    return evidenceDir;
  }

  /** How long to watch traffic after the last step. */
  public Duration observe() {
    return observe;
  }

  /**
   * The phone's identity: what it told over adb merged with what devices.yaml declares,
   * each value with its origin.
   */
  public IdentitySet identity() {
    return identity.identity();
  }

  /** Each identifier, its value(s) and origin, and what the phone could not tell. */
  public java.util.List<String> identityTable() {
    return identity.describe();
  }

  /** What the phone told about itself over adb when it was provisioned. */
  public PhoneIdentity identityFromPhone() {
    return readFromPhone;
  }

  /**
   * The device's identity switch (devices.yaml {@code identity-switch} and
   * {@code second-identity}), empty when it has none.
   */
  public Optional<IdentitySwitch> identitySwitch() {
    return IdentitySwitch.of(phone, adb.adbPath(), readFromPhone);
  }

  /** Whether the phone has a SIM (as it told over adb). */
  public boolean hasSim() {
    return !readFromPhone.simAbsent();
  }

  private static IdentitySet declaredIdentity(DeviceSpec spec) {
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>(spec.identity());
    if (!spec.contacts().isEmpty()) {
      map.put("contacts", spec.contacts());
    }
    return IdentitySet.fromMap(map, "devices.yaml");
  }

  /** A new UiAutomator2 session; close it before the phone reboots. */
  public AppiumSession openAppium() {
    return AppiumSession.open(spec.name(), spec.appium().orElseThrow(), phone,
        spec.appiumUdid().orElse(phone.serial()));
  }
}
