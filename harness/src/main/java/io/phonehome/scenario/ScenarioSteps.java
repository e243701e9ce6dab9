package io.phonehome.scenario;

import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditTable;
import io.phonehome.capture.Flow;
import io.phonehome.capture.HarWriter;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.ConsentTimeline;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.IdentitySet;
import io.phonehome.device.AppiumSession;
import io.phonehome.device.DeviceException;
import io.phonehome.lifecycle.Watch;
import io.qameta.allure.Allure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Steps the scenarios share: privacy switches through the UI, observing, judging. */
final class ScenarioSteps {
  private ScenarioSteps() {}

  /**
   * Tells the device's restoration which settings changed since {@code before}, with their
   * old values, once the switches were tapped, also when tapping failed half-way: the end
   * of the run puts them back.
   */
  private record RecordChanges(DeviceUnderTest dut, SettingsSnapshot before) implements AutoCloseable {
    @Override
    public void close() {
      try {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        before.changedIn(SettingsSnapshot.read(dut.phone())).keySet()
            .forEach(k -> found.put(k, before.values().get(k)));
        dut.restoration().settingsChanged(found);
      } catch (RuntimeException e) {
        // the phone is away: the tap's own failure (or the next step) says so
        Progress.log("[" + dut.name() + "] could not read which settings changed: " + e.getMessage());
      }
    }
  }

  /**
   * Sets every switch of Settings &gt; Privacy on or off through the phone's UI, with a
   * screenshot before and after, and returns the settings that changed (read over adb).
   */
  static Map<String, String> setPrivacySwitches(DeviceUnderTest dut, boolean on) {
    String device = dut.name();
    String state = on ? "on" : "off";
    SettingsSnapshot before = SettingsSnapshot.read(dut.phone());
    List<String> tapped;
    try (AppiumSession ui = dut.openAppium(); RecordChanges undo = new RecordChanges(dut, before)) {
      PrivacySettingsScreen privacy = Allure.step("open Settings > Privacy",
          () -> PrivacySettingsScreen.open(ui.driver()));
      attachPng("screen before switching " + state, ui.screenshot());
      tapped = Allure.step("turn every privacy switch " + state,
          () -> on ? privacy.turnOnAll() : privacy.turnOffAll());
      Map<String, Boolean> shown = privacy.switches();
      attachPng("screen after switching " + state, ui.screenshot());
      if (shown.containsValue(!on)) {
        throw new DeviceException(device + ": switches not " + state + " after tapping them: " + shown);
      }
    }
    Map<String, String> changed = before.changedIn(SettingsSnapshot.read(dut.phone()));
    Allure.addAttachment("settings changed by switching " + state, "text/plain", format(changed), "txt");
    Optional<String> dead = tappedInVain(tapped, changed);
    if (dead.isPresent()) {
      throw new DeviceException(device + ": " + dead.get());
    }
    Progress.device(device, "switches " + state + (tapped.isEmpty() ? " (all were " + state + " already)"
        : " (" + tapped.size() + ": " + String.join(", ", tapped)
            + "; settings " + format(changed).replace('\n', ' ').trim() + ")"));
    return changed;
  }

  /**
   * Why switches tapped through the UI did not take, if they did not: tapped, yet no
   * setting changed over adb. Either the UI session drives another phone, or the
   * switches are painted on; a consent state read after it would be a guess.
   */
  static Optional<String> tappedInVain(List<String> tapped, Map<String, String> changed) {
    if (tapped.isEmpty() || !changed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("tapped " + tapped.size() + " switch(es) through the UI (" + String.join(", ", tapped)
        + ") but no setting changed over adb: the Appium session drives another phone, or the switches do nothing");
  }

  /**
   * The phone's consent state now, read over adb: the settings the device's consent
   * policy names, and those a persona just changed through the UI.
   */
  static ConsentState consentState(DeviceUnderTest dut, Map<String, String> changed) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(changed.keySet());
    dut.consentPolicy().ifPresent(p -> keys.addAll(p.allSwitchesOff().settings().keySet()));
    return ConsentState.of(SettingsSnapshot.read(dut.phone()).select(keys));
  }

  /** The device's consent policy over this timeline; without one nothing is consented. */
  static ConsentPolicy policy(DeviceUnderTest dut, ConsentTimeline timeline, ConsentState now) {
    return dut.consentPolicy().map(p -> p.under(timeline)).orElse(new OptOutPolicy(now));
  }

  /**
   * Watches the phone's traffic for the device's observe time, or until the watch is
   * lost: a window no longer watched is not waited out.
   */
  static void observe(DeviceUnderTest dut) {
    long seconds = dut.observe().toSeconds();
    Progress.device(dut.name(), "observing " + seconds + " s");
    Instant start = Instant.now();
    Optional<Watch.Loss> lost = Allure.step("observe " + seconds + " s",
        () -> dut.watch().awaitLoss(dut.observe()));
    lost.ifPresent(l -> Progress.device(dut.name(), "observing ended after "
        + Duration.between(start, Instant.now()).toSeconds() + " s: " + l.describe()));
  }

  /**
   * Audits the flows of one step, records the result for findings.json, attaches the
   * evidence (HAR and findings table) and prints the verdict line.
   */
  static AuditResult judge(DeviceUnderTest dut, String test, String step, List<Flow> flows,
      IdentitySet identity, ConsentPolicy policy) {
    String device = dut.name();
    Progress.device(device, "flows seen " + flows.size() + " " + step
        + " (" + dut.capture().flows().size() + " in all)");
    AuditResult result = Audit.run(flows, identity, policy);
    dut.record(test, result);
    Path har = dut.evidenceDir().resolve(step.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + ".har");
    try {
      HarWriter.write(flows, har);
      Allure.addAttachment("capture " + step + " (HAR)", "application/json", Files.newInputStream(har), "har");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence " + har + ": " + e.getMessage(), e);
    }
    Allure.addAttachment("findings " + step, "text/plain", AuditTable.render(result), "txt");
    List<Watch.Loss> lost = dut.watch().verify();
    if (!lost.isEmpty()) {
      Allure.addAttachment("watch lost " + step, "text/plain", describe(lost), "txt");
      if (result.unconsented().isEmpty()) {
        Progress.device(device, "verdict " + step + ": BROKEN (" + flows.size()
            + " flows seen, none unconsented, but the watch was lost)");
        throw new WatchLostException(device, lost, flows.size() + " flows seen until then, none unconsented;"
            + " evidence in " + dut.evidenceDir());
      }
      // an upload seen before the loss is real: the test fails on it below
      Progress.device(device, "the watch was lost, but an unconsented upload was seen before: "
          + lost.get(0).describe());
    }
    Progress.device(device, "verdict " + step + ": " + (result.unconsented().isEmpty()
        ? "PASSED (no unconsented upload"
            + (result.unverifiable().isEmpty() ? ")" : "; " + result.unverifiable().size() + " flows unverifiable)")
        : "FAILED (" + result.unconsented().size() + " unconsented findings in "
            + result.unconsented().stream().map(f -> f.finding().flowId()).distinct().count() + " flows)"));
    return result;
  }

  private static String describe(List<Watch.Loss> lost) {
    StringBuilder sb = new StringBuilder();
    for (Watch.Loss l : lost) {
      sb.append(l.describe()).append('\n');
      l.evidence().forEach(line -> sb.append("    ").append(line).append('\n'));
    }
    return sb.toString();
  }

  /** The identity the detector hunts for, each value with its origin. */
  static void attachIdentity(DeviceUnderTest dut) {
    Allure.addAttachment("identity (value and origin)", "text/plain",
        String.join("\n", dut.identityTable()) + "\n", "txt");
  }

  static void attachPng(String name, byte[] png) {
    Allure.addAttachment(name, "image/png", new ByteArrayInputStream(png), "png");
  }

  static String format(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.length() == 0 ? "(none)\n" : sb.toString();
  }
}
