package io.phonehome.device;

import io.phonehome.lifecycle.Watch;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The phone's side of a {@link Watch}: listed online by the lab's adb server, and still
 * on the boot it had when it was provisioned. The kernel's boot id
 * ({@code /proc/sys/kernel/random/boot_id}) is new at every boot, so a changed one is a
 * reboot the harness did not make; a phone without it is judged by {@code /proc/uptime}
 * going backwards. After a reboot of its own the harness calls {@link #rebase()}.
 */
public final class PhoneLiveness {
  private static final Pattern BOOT_ID = Pattern.compile("[0-9a-fA-F-]{16,64}");
  /** The boot is asked over adb shell, so not at every poll. */
  private static final Duration BOOT_EVERY = Duration.ofSeconds(3);

  private final AndroidDevice phone;
  private final AdbServer adb;
  private volatile Optional<String> bootId = Optional.empty();
  private volatile double uptime;
  private volatile Instant nextBootCheck = Instant.MIN;

  private PhoneLiveness(AndroidDevice phone, AdbServer adb) {
    this.phone = phone;
    this.adb = adb;
  }

  /** Reads the phone's boot now and adds its checks (adb link, boot) to {@code watch}. */
  public static PhoneLiveness watch(AndroidDevice phone, AdbServer adb, Watch watch) {
    PhoneLiveness live = new PhoneLiveness(phone, adb);
    live.rebase();
    watch.add(Watch.Check.of(Watch.ADB_LINK, live::adbFailure));
    watch.add(Watch.Check.of(Watch.BOOT, live::bootFailure));
    return live;
  }

  /** Takes the phone's current boot as the one to stay on (after the harness rebooted it). */
  public void rebase() {
    bootId = readBootId();
    uptime = bootId.isPresent() ? 0 : readUptime().orElse(0.0);
    nextBootCheck = Instant.now().plus(BOOT_EVERY);
  }

  /** What the phone's boot id was last taken as; empty when the phone has none. */
  public Optional<String> bootId() {
    return bootId;
  }

  private Optional<String> adbFailure() {
    return adb.device(phone.serial()).isPresent() ? Optional.empty()
        : Optional.of(phone.serial() + " is no longer online in adb (disconnected, unplugged or offline)");
  }

  private Optional<String> bootFailure() {
    if (Instant.now().isBefore(nextBootCheck) || adb.device(phone.serial()).isEmpty()) {
      return Optional.empty(); // a phone that is not online is the adb link's loss
    }
    nextBootCheck = Instant.now().plus(BOOT_EVERY);
    Optional<String> was = bootId;
    if (was.isPresent()) {
      Optional<String> now = readBootId();
      return now.isEmpty() || now.equals(was) ? Optional.empty()
          : Optional.of("the phone rebooted without the harness asking (boot id " + was.get()
              + " is now " + now.get() + ")");
    }
    Optional<Double> now = readUptime();
    if (now.isPresent() && now.get() + 1 < uptime) {
      return Optional.of(String.format(java.util.Locale.ROOT,
          "the phone rebooted without the harness asking (uptime %.0f s, was %.0f s)", now.get(), uptime));
    }
    now.ifPresent(u -> uptime = u);
    return Optional.empty();
  }

  private Optional<String> readBootId() {
    try {
      String out = phone.shell("cat /proc/sys/kernel/random/boot_id", Duration.ofSeconds(5)).trim();
      return BOOT_ID.matcher(out).matches() ? Optional.of(out) : Optional.empty();
    } catch (DeviceException e) {
      return Optional.empty();
    }
  }

  private Optional<Double> readUptime() {
    try {
      String out = phone.shell("cat /proc/uptime", Duration.ofSeconds(5)).trim();
      return Optional.of(Double.parseDouble(out.split("\\s+")[0]));
    } catch (DeviceException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
