package io.phonehome.device;

import com.android.ddmlib.CollectingOutputReceiver;
import com.android.ddmlib.IDevice;
import io.phonehome.device.Tools.Result;
import io.phonehome.lifecycle.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One phone, driven over adb (ddmlib against the lab's adb server). Nothing here knows
 * or asks whether the phone is virtual.
 *
 * <pre>{@code
 * AndroidDevice phone = new AndroidDevice(adb, spec);
 * phone.setProxy("127.0.0.1", 8080);
 * String fingerprint = phone.getprop("ro.build.fingerprint");
 * }</pre>
 */
public final class AndroidDevice {
  private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REBOOT_GOES_DOWN = Duration.ofSeconds(30);
  private static final String CA_STAGING = "/data/local/tmp/phonehome-ca.pem";
  private static final String SYSTEM_CA_DIR = "/system/etc/security/cacerts";

  private final AdbServer adb;
  private final DeviceSpec spec;
  private final String serial;
  private volatile String installedCa;

  public AndroidDevice(AdbServer adb, DeviceSpec spec) {
    this.adb = adb;
    this.spec = spec;
    this.serial = spec.serial().orElseThrow(
        () -> new IllegalArgumentException(spec.name() + " has no adb serial yet"));
  }

  public String name() {
    return spec.name();
  }

  public String serial() {
    return serial;
  }

  public DeviceSpec spec() {
    return spec;
  }

  /** Runs a shell command and returns what it printed. */
  public String shell(String command) {
    return shell(command, SHELL_TIMEOUT);
  }

  /** Runs a shell command, giving up when it prints nothing for {@code timeout}. */
  public String shell(String command, Duration timeout) {
    IDevice d = online(Duration.ofSeconds(10));
    CollectingOutputReceiver out = new CollectingOutputReceiver();
    try {
      d.executeShellCommand(command, out, timeout.toMillis(), TimeUnit.MILLISECONDS);
      // older phones send the terminal's \r\n; newer ones and exec-out send \n
      return out.getOutput().replace("\r\n", "\n");
    } catch (Exception e) {
      throw new DeviceException(spec.name() + " (" + serial + "): shell '" + command
          + "' failed: " + e, e);
    }
  }

  /** A system property; empty when unset. */
  public String getprop(String key) {
    return shell("getprop " + key).trim();
  }

  /** A setting ({@code global}, {@code secure} or {@code system}); empty when unset. */
  public Optional<String> setting(String namespace, String key) {
    String v = shell("settings get " + namespace + " " + key).trim();
    return v.isEmpty() || v.equals("null") ? Optional.empty() : Optional.of(v);
  }

  public void putSetting(String namespace, String key, String value) {
    String out = shell("settings put " + namespace + " " + key + " " + value).trim();
    if (!out.isEmpty()) {
      throw new DeviceException(spec.name() + ": settings put " + namespace + " " + key
          + " refused: " + out);
    }
  }

  /** Copies a file to the phone ({@code adb push}). */
  public void push(Path local, String remote) {
    IDevice d = online(Duration.ofSeconds(10));
    try {
      d.pushFile(local.toString(), remote);
    } catch (Exception e) {
      throw new DeviceException(spec.name() + ": push " + local + " to " + remote + " failed: " + e, e);
    }
  }

  /** Points the phone's global HTTP proxy at the capture proxy. */
  public void setProxy(String host, int port) {
    putSetting("global", "http_proxy", host + ":" + port);
  }

  /** Clears the proxy the way Android expects ({@code :0}). */
  public void clearProxy() {
    putSetting("global", "http_proxy", ":0");
  }

  /** The phone's global HTTP proxy setting; empty when unset or cleared ({@code :0}). */
  public Optional<String> proxySetting() {
    return setting("global", "http_proxy").filter(v -> !v.equals(":0"));
  }

  /**
   * Puts the proxy setting back as it was found: the value found, or cleared ({@code :0},
   * which takes effect at once) and then deleted, as on a phone never given a proxy.
   * Read back to be sure.
   */
  public void restoreProxy(Optional<String> found) {
    if (found.isPresent()) {
      putSetting("global", "http_proxy", found.get());
    } else {
      clearProxy();
      shell("settings delete global http_proxy");
    }
    Optional<String> now = proxySetting();
    if (!now.equals(found)) {
      throw new DeviceException(spec.name() + ": proxy setting is " + now.orElse("unset") + " after restoring it to "
          + found.orElse("unset"));
    }
  }

  /**
   * Installs the lab CA as a system CA ({@code <subject_hash_old>.0}, mode 644), which
   * needs root. Returns false, with nothing changed, on a phone that is not rooted.
   */
  public boolean installCa(Path pem) {
    if (!spec.rooted()) {
      return false;
    }
    String name;
    try {
      name = LabCertificate.subjectHashOld(pem) + ".0";
    } catch (IOException e) {
      throw new DeviceException("lab CA unusable: " + e.getMessage(), e);
    }
    push(pem, CA_STAGING);
    String target = SYSTEM_CA_DIR + "/" + name;
    String out = shell("su -c 'mount -o rw,remount /system && cp " + CA_STAGING + " " + target
        + " && chmod 644 " + target + "'").trim();
    String check = shell("ls " + target).trim();
    if (!check.equals(target)) {
      throw new DeviceException(spec.name() + ": lab CA not installed at " + target + ": " + out);
    }
    shell("rm -f " + CA_STAGING);
    installedCa = target;
    return true;
  }

  /** Removes the lab CA installed by {@link #installCa(Path)}, if any. */
  public void removeCa() {
    String target = installedCa;
    if (target != null) {
      String out = shell("su -c 'mount -o rw,remount /system && rm -f " + target + "'").trim();
      if (shell("ls " + target).trim().equals(target)) {
        throw new DeviceException(spec.name() + ": lab CA still at " + target + " after removing it"
            + (out.isEmpty() ? "" : ": " + out));
      }
      installedCa = null;
    }
  }

  /**
   * Reboots the phone and returns once it has gone down (left adb, or stopped reporting
   * a completed boot), so that {@link #waitForBoot(Duration)} waits for the new boot.
   */
  public void reboot() {
    IDevice d = online(Duration.ofSeconds(10));
    try {
      d.reboot(null);
    } catch (Exception e) {
      throw new DeviceException(spec.name() + ": reboot failed: " + e, e);
    }
    awaitDown(REBOOT_GOES_DOWN);
  }

  /**
   * Waits until the phone has gone down for a reboot (left adb, or stopped reporting a
   * completed boot), so that a following {@link #waitForBoot(Duration)} waits for the
   * new boot.
   */
  public void awaitDown(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<IDevice> now = adb.device(serial);
      if (now.isEmpty() || !bootCompleted(now.get())) {
        return;
      }
      Tools.pause(Duration.ofMillis(100));
    }
    throw new DeviceException(spec.name() + " (" + serial + ") was asked to reboot but did not go down within "
        + timeout.toSeconds() + " s");
  }

  private static boolean bootCompleted(IDevice d) {
    return bootCompletedProperty(d).filter("1"::equals).isPresent();
  }

  /** {@code sys.boot_completed} as the phone answers it; empty when it does not answer. */
  private static Optional<String> bootCompletedProperty(IDevice d) {
    CollectingOutputReceiver out = new CollectingOutputReceiver();
    try {
      d.executeShellCommand("getprop sys.boot_completed", out, 5, TimeUnit.SECONDS);
      return Optional.of(out.getOutput().trim());
    } catch (Exception e) {
      return Optional.empty();
    }
  }


  /**
   * Waits until the phone is back and {@code sys.boot_completed} is 1. A network phone
   * ({@code host:port}) is re-connected while it is away.
   */
  public void waitForBoot(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Instant nextConnect = Instant.now().plusSeconds(1);
    String last = "not listed by adb";
    while (Instant.now().isBefore(deadline)) {
      Optional<String> booted = adb.device(serial).flatMap(AndroidDevice::bootCompletedProperty);
      if (booted.filter("1"::equals).isPresent()) {
        return;
      }
      if (booted.isPresent()) {
        last = "online, sys.boot_completed=" + booted.get();
      } else if (isNetworkSerial() && !Instant.now().isBefore(nextConnect)) {
        // ddmlib can list a network phone as online long after adb lost it, and adb
        // itself retries only every few seconds: a fresh connect brings it back at once
        adb.disconnect(serial);
        try {
          adb.connect(serial);
        } catch (IOException e) {
          last = e.getMessage();
        }
        nextConnect = Instant.now().plusSeconds(2);
      }
      Tools.pause(Duration.ofMillis(250));
    }
    throw new DeviceException(spec.name() + " (" + serial + ") did not finish booting within "
        + timeout.toSeconds() + " s: " + last);
  }

  private boolean isNetworkSerial() {
    return serial.matches(".+:\\d+");
  }

  private IDevice online(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<IDevice> d = adb.device(serial);
      if (d.isPresent()) {
        return d.get();
      }
      if (Instant.now().isAfter(deadline)) {
        Result r = Tools.run(Duration.ofSeconds(5), Program.ADB.command(adb.adbPath(), "devices"));
        String listed = r.output().replace("List of devices attached", "").trim().replace('\n', ' ');
        throw new DeviceException(spec.name() + " (" + serial + ") is not online in adb: "
            + (listed.isEmpty() ? "adb lists no devices" : "adb lists " + listed));
      }
      Tools.pause(Duration.ofMillis(100));
    }
  }
}
