package io.phonehome.simulator;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileException;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.VirtualFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Android's recovery, as a lab uses it to install a build: the package is pushed to the
 * phone, {@code /cache/recovery/command} names it ({@code --update_package=PATH}), and
 * {@code adb reboot recovery} installs it and boots the new build. On the virtual
 * handset a package is a firmware profile. What recovery did is in
 * {@code /cache/recovery/last_log}; a package it cannot install leaves the old build.
 */
final class Recovery {
  static final String COMMAND = "/cache/recovery/command";
  static final String LAST_LOG = "/cache/recovery/last_log";
  private static final String UPDATE_PACKAGE = "--update_package=";

  private Recovery() {}

  /** Runs the pending recovery command, if any; returns the build installed, if one was. */
  static Optional<FirmwareProfile> run(PhoneState state) {
    VirtualFs fs = state.fs();
    Optional<VirtualFs.Entry> command = fs.read(COMMAND);
    if (command.isEmpty()) {
      log(fs, "I:no " + COMMAND + "; rebooting into the installed build");
      return Optional.empty();
    }
    fs.delete(COMMAND);
    String pkg = new String(command.get().content(), StandardCharsets.UTF_8).lines()
        .map(String::trim)
        .filter(l -> l.startsWith(UPDATE_PACKAGE))
        .map(l -> l.substring(UPDATE_PACKAGE.length()))
        .findFirst().orElse("");
    if (pkg.isEmpty()) {
      log(fs, "E:" + COMMAND + " names no " + UPDATE_PACKAGE + "PATH");
      return Optional.empty();
    }
    Optional<VirtualFs.Entry> image = fs.read(pkg);
    if (image.isEmpty()) {
      log(fs, "E:failed to open " + pkg + ": No such file or directory\nE:Installation aborted.");
      return Optional.empty();
    }
    FirmwareProfile profile;
    try {
      profile = ProfileParser.parse(Path.of(pkg), new String(image.get().content(), StandardCharsets.UTF_8));
    } catch (ProfileException e) {
      log(fs, "E:signature verification failed\nE:" + e.getMessage() + "\nE:Installation aborted.");
      return Optional.empty();
    }
    state.install(profile);
    // a new system image: what a lab added under /system (its CA) is gone
    fs.filesIn(VirtualFs.SYSTEM_CA_DIR).keySet().forEach(fs::delete);
    log(fs, "I:Installing update " + pkg + "\nI:installed " + profile.build().displayId()
        + " (" + profile.build().fingerprint() + ")\nI:Install from package complete.");
    return Optional.of(profile);
  }

  private static void log(VirtualFs fs, String text) {
    fs.write(LAST_LOG, (text + "\n").getBytes(StandardCharsets.UTF_8), 0644);
    System.err.println("[recovery] " + text.replace('\n', ' '));
  }
}
