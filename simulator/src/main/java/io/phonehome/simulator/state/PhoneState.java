package io.phonehome.simulator.state;

import io.phonehome.simulator.firmware.FirmwareProfile;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the handset remembers: settings, files, system properties, who it is and
 * which firmware it runs. Survives reboots, as on a phone; every service of the handset
 * (adb, WebDriver, the firmware runtime) reads and writes it here.
 */
public final class PhoneState {
  private final Settings settings = new Settings();
  private final VirtualFs fs = new VirtualFs();
  private final Map<String, String> props = new TreeMap<>();
  private volatile Identity identity;
  private volatile Telephony telephony;
  private final SmsStore sms = new SmsStore();
  private final ContactStore contacts;
  private final LogBuffer log = new LogBuffer();
  private volatile FirmwareProfile firmware;

  public PhoneState(FirmwareProfile firmware, Identity identity) {
    this.identity = identity;
    this.telephony = Telephony.of(identity);
    this.contacts = new ContactStore(identity.contacts());
    install(firmware);
    writeWifiMac();
  }

  /**
   * Writes a new identity onto the handset, as a rooted phone's vendor tool rewrites its
   * IMEI, SIM and network identifiers: from now on the radio ({@code service call
   * iphonesubinfo}, {@code dumpsys}), the system properties, {@code settings get secure
   * android_id}, the Wi-Fi MAC file and every upload the firmware renders report the new
   * values. The contacts stay as they are. It lasts across reboots.
   */
  public synchronized void switchIdentity(Identity next) {
    this.identity = java.util.Objects.requireNonNull(next, "next");
    this.telephony = Telephony.of(next);
    install(firmware);
    settings.put("secure", "android_id", telephony.androidId());
    writeWifiMac();
  }

  /**
   * A new boot: the kernel's {@code /proc/sys/kernel/random/boot_id} is a fresh random
   * UUID every boot, which is how a lab tells an unplanned reboot from a phone that
   * stayed up.
   */
  public synchronized void newBootId() {
    fs.write("/proc/sys/kernel/random/boot_id",
        (java.util.UUID.randomUUID() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0444);
  }

  private void writeWifiMac() {
    fs.write("/sys/class/net/wlan0/address",
        (telephony.wifiMac() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0444);
  }

  /** Applies a firmware's build properties and its initial settings (kept if already set). */
  public synchronized void install(FirmwareProfile profile) {
    this.firmware = profile;
    FirmwareProfile.Build b = profile.build();
    props.put("ro.build.fingerprint", b.fingerprint());
    props.put("ro.build.display.id", b.displayId());
    props.put("ro.product.brand", b.brand());
    props.put("ro.product.manufacturer", b.brand());
    props.put("ro.product.name", b.product());
    props.put("ro.product.device", b.device());
    props.put("ro.product.model", b.device());
    props.put("ro.build.version.release", b.release());
    props.put("ro.build.version.sdk", Integer.toString(b.sdk()));
    props.put("ro.build.type", "user");
    props.put("ro.debuggable", "0");
    props.put("ro.secure", "1");
    props.put("ro.serialno", telephony.serial());
    props.put("gsm.sim.state", telephony.simState());
    props.put("gsm.sim.operator.alpha", telephony.simPresent() ? telephony.carrier() : "");
    props.put("gsm.sim.operator.numeric", telephony.operatorNumeric());
    props.put("gsm.operator.alpha", telephony.simPresent() ? telephony.carrier() : "");
    props.put("gsm.operator.numeric", telephony.operatorNumeric());
    props.put("gsm.network.type", telephony.simPresent() ? "HSPA" : "Unknown");
    props.put("gsm.current.phone-type", "1");
    props.put("persist.sys.timezone", "Asia/Taipei");
    props.putIfAbsent("sys.boot_completed", "0");
    for (Map.Entry<String, String> s : profile.settings().entrySet()) {
      String[] nk = Settings.split(s.getKey());
      if (settings.get(nk[0], nk[1]) == null) {
        settings.put(nk[0], nk[1], s.getValue());
      }
    }
    if (settings.get("secure", "android_id") == null) {
      settings.put("secure", "android_id", telephony.androidId());
    }
  }

  public Settings settings() {
    return settings;
  }

  public VirtualFs fs() {
    return fs;
  }

  public Identity identity() {
    return identity;
  }

  /** SIM, carrier and device identifiers as the radio reports them. */
  public Telephony telephony() {
    return telephony;
  }

  /** The SMS provider; kept across reboots. */
  public SmsStore sms() {
    return sms;
  }

  /** The contacts provider; kept across reboots. */
  public ContactStore contacts() {
    return contacts;
  }

  /** What the handset's own parts logged, for {@code logcat -d}. */
  public LogBuffer log() {
    return log;
  }

  public FirmwareProfile firmware() {
    return firmware;
  }

  /** A system property as {@code getprop} prints it: empty when unset. */
  public synchronized String getprop(String key) {
    return props.getOrDefault(key, "");
  }

  public synchronized void setprop(String key, String value) {
    props.put(key, value);
  }

  /** A sorted copy of all properties. */
  public synchronized Map<String, String> props() {
    return new TreeMap<>(props);
  }
}
