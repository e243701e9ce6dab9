package io.phonehome.device;

import io.phonehome.lifecycle.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Installs a firmware build on a phone with the device's {@code firmware.flash} command
 * template ({@code {serial}}, {@code {image}} and {@code {adb}} substituted, run with
 * {@code sh -c}), then waits for the phone to come back and reports the build it runs.
 * A flash that fails or a phone that never comes back is a {@link DeviceException}
 * (BROKEN, with the command's output), never a failed verdict.
 */
public final class Flasher {
  /**
   * The default for phones whose devices.yaml gives no {@code flash}: Android's
   * recovery, as on a rooted phone (push the package, write the recovery command,
   * reboot into recovery).
   */
  public static final String RECOVERY_TEMPLATE = "{adb} -s {serial} push {image} /data/local/tmp/update.zip"
      + " && {adb} -s {serial} shell \"su -c 'mkdir -p /cache/recovery"
      + " && echo --update_package=/data/local/tmp/update.zip > /cache/recovery/command'\""
      + " && {adb} -s {serial} reboot recovery";
  private static final Duration FLASH_TIMEOUT = Duration.ofMinutes(10);

  /** The build a phone runs, as it reports it. */
  public record Build(String fingerprint, String displayId) {}

  private Flasher() {}

  /** The shell command for one flash; every value is single-quoted for {@code sh}. */
  public static String command(String template, Map<String, String> values) {
    String cmd = template;
    for (Map.Entry<String, String> v : values.entrySet()) {
      cmd = cmd.replace("{" + v.getKey() + "}", quote(v.getValue()));
    }
    return cmd;
  }

  /** Flashes {@code image} and returns the build the phone runs afterwards. */
  public static Build flash(AndroidDevice phone, AdbServer adb, Path image, Duration bootTimeout) {
    String name = phone.name();
    if (!Files.isRegularFile(image)) {
      throw new DeviceException(name + ": no firmware image at " + image);
    }
    String template = phone.spec().firmware().flatMap(DeviceSpec.Firmware::flash).orElse(RECOVERY_TEMPLATE);
    String cmd = command(template, Map.of("serial", phone.serial(), "image", image.toString(),
        "adb", adb.adbPath().toString()));
    Build before = build(phone);
    Tools.Result r = Tools.run(FLASH_TIMEOUT, Program.SH.command("-c", cmd));
    if (r.exitCode() != 0) {
      throw new DeviceException(name + ": flashing " + image.getFileName() + " failed with status "
          + r.exitCode() + ": " + r.lastLines(5));
    }
    try {
      phone.awaitDown(Duration.ofSeconds(30));
    } catch (DeviceException alreadyBack) {
      // a template that waits for the phone itself returns once it is up again
    }
    phone.waitForBoot(bootTimeout);
    Build after = build(phone);
    if (after.equals(before)) {
      // the same build installed again is fine; a build the installer refused is not
      String log = phone.shell("su -c 'cat /cache/recovery/last_log'");
      if (log.contains("E:") || log.contains("aborted")) {
        throw new DeviceException(name + ": still runs " + before.displayId() + " after flashing "
            + image.getFileName() + ": " + log.trim().replace('\n', ' '));
      }
    }
    return after;
  }

  /** The build the phone reports now. */
  public static Build build(AndroidDevice phone) {
    return new Build(phone.getprop("ro.build.fingerprint"), phone.getprop("ro.build.display.id"));
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
