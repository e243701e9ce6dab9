package io.phonehome.report;

import io.phonehome.audit.AuditResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each scenario of a run concluded, per device: the audit (for findings.json) and
 * the outcome (for the summary and the exit code). One per JVM run.
 */
public final class RunRecorder {
  /** How a scenario on one device ended. */
  public enum Outcome {
    PASSED, FAILED, BROKEN, SKIPPED
  }

  /** One scenario on one device. */
  public record Entry(String device, String test, Outcome outcome, Optional<AuditResult> audit,
      String message) {}

  private static final List<Entry> ENTRIES = new ArrayList<>();
  private static final List<AuditEntry> AUDITS = new ArrayList<>();
  private static final java.util.Map<String, List<String>> UNRESTORED = new java.util.LinkedHashMap<>();

  /** An audit recorded by a scenario, before TestNG knows the outcome. */
  public record AuditEntry(String device, String test, AuditResult result) {}

  private RunRecorder() {}

  public static synchronized void audit(String device, String test, AuditResult result) {
    AUDITS.add(new AuditEntry(device, test, result));
  }

  public static synchronized void outcome(String device, String test, Outcome outcome, String message) {
    Optional<AuditResult> audit = AUDITS.stream()
        .filter(a -> a.device().equals(device) && a.test().equals(test))
        .map(AuditEntry::result)
        .reduce(RunRecorder::merge);
    ENTRIES.add(new Entry(device, test, outcome, audit, message));
  }

  /** A scenario that audited several steps (an SMS sent twice, then compared) is summed up as one. */
  private static AuditResult merge(AuditResult a, AuditResult b) {
    List<io.phonehome.consent.JudgedFinding> findings = new ArrayList<>(a.findings());
    findings.addAll(b.findings());
    List<String> notes = new ArrayList<>(a.notes());
    notes.addAll(b.notes());
    List<String> incomplete = new ArrayList<>(a.incomplete());
    incomplete.addAll(b.incomplete());
    return new AuditResult(a.flows() + b.flows(), findings, notes, incomplete);
  }

  /** What the lab could not undo on a device at the end of the run (none: left as found). */
  public static synchronized void unrestored(String device, List<String> what) {
    if (what.isEmpty()) {
      UNRESTORED.remove(device);
    } else {
      UNRESTORED.put(device, List.copyOf(what));
    }
  }

  /** Each device not left as found, with what was not undone. */
  public static synchronized java.util.Map<String, List<String>> unrestored() {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(UNRESTORED));
  }

  public static synchronized List<Entry> entries() {
    return List.copyOf(ENTRIES);
  }

  public static synchronized List<AuditEntry> audits() {
    return List.copyOf(AUDITS);
  }

  /** Forgets everything (a new run in the same JVM). */
  public static synchronized void reset() {
    ENTRIES.clear();
    AUDITS.clear();
    UNRESTORED.clear();
  }

  /**
   * The run's exit code: 1 when a scenario FAILED (its phone uploaded without consent,
   * or its opt-out did not hold), else 2 when a scenario was BROKEN (or none ran), else
   * 0. A scenario skipped because the phone lacks what it needs (a SIM) does not make the
   * run fail; findings of older builds in a firmware comparison are evidence, and only
   * the newest build's decide its verdict.
   */
  public static synchronized int exitCode() {
    if (ENTRIES.stream().anyMatch(e -> e.outcome() == Outcome.FAILED)) {
      return 1;
    }
    boolean ran = ENTRIES.stream().anyMatch(e -> e.outcome() == Outcome.PASSED);
    boolean broken = ENTRIES.stream().anyMatch(e -> e.outcome() == Outcome.BROKEN);
    return ran && !broken ? 0 : 2;
  }
}
