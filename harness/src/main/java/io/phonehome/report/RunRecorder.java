package io.phonehome.report;

import io.phonehome.audit.AuditResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each scenario of a run concluded, per device: the audit (for findings.json) and
 * the outcome (for the summary and the exit code). One per run, shared by its devices
 * (each entry names its device); safe to use from the threads that test them side by side.
 */
public final class RunRecorder {
  /** How a scenario on one device ended. */
  public enum Outcome {
    PASSED, FAILED, BROKEN, SKIPPED
  }

  /**
   * One scenario on one device.
   *
   * @param audit what every try of it saw, summed up
   * @param earlierTries the tries before the last ({@code lab.retries}), each
   *     {@code try 1 BROKEN: cause}; empty when it ran once
   */
  public record Entry(String device, String test, Outcome outcome, Optional<AuditResult> audit,
      String message, List<String> earlierTries) {
    public Entry {
      earlierTries = List.copyOf(earlierTries);
    }

    /** How many times it ran. */
    public int tries() {
      return earlierTries.size() + 1;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<AuditEntry> audits = new ArrayList<>();
  private final java.util.Map<String, List<String>> unrestored = new java.util.LinkedHashMap<>();
  /** Per device and test, the tries that ended BROKEN and ran again. */
  private final java.util.Map<String, List<String>> earlierTries = new java.util.HashMap<>();

  /**
   * An audit recorded by a scenario, before TestNG knows the outcome.
   *
   * @param attempt which try of the test it belongs to, from 1
   */
  public record AuditEntry(String device, String test, AuditResult result, int attempt) {}


  public synchronized void audit(String device, String test, AuditResult result) {
    audits.add(new AuditEntry(device, test, result, earlier(device, test).size() + 1));
  }

  /** A try of a test that ended BROKEN and runs again ({@code lab.retries}). */
  public synchronized void retried(String device, String test, String message) {
    List<String> tries = earlierTries.computeIfAbsent(key(device, test), k -> new ArrayList<>());
    tries.add("try " + (tries.size() + 1) + " BROKEN: " + message);
  }

  /**
   * Whether an upload without consent was already seen in a test on a device, in any try:
   * such a test has failed, whatever a later try sees.
   */
  public synchronized boolean sawUnconsented(String device, String test) {
    return audits.stream().anyMatch(a -> a.device().equals(device) && a.test().equals(test)
        && !a.result().unconsented().isEmpty());
  }

  /**
   * How a test ended, after all its tries. One that saw an unconsented upload in any try
   * is FAILED, even when its last try passed or broke: the phone sent it.
   */
  public synchronized void outcome(String device, String test, Outcome outcome, String message) {
    Optional<AuditResult> audit = audits.stream()
        .filter(a -> a.device().equals(device) && a.test().equals(test))
        .map(AuditEntry::result)
        .reduce(RunRecorder::merge);
    List<String> earlier = earlier(device, test);
    Outcome decided = outcome;
    String why = message;
    if ((outcome == Outcome.PASSED || outcome == Outcome.BROKEN) && sawUnconsented(device, test)) {
      decided = Outcome.FAILED;
      why = "an unconsented upload was seen" + (earlier.isEmpty() ? "" : " in an earlier try")
          + (message.isEmpty() ? "" : "; then: " + message);
    }
    entries.add(new Entry(device, test, decided, audit, why, earlier));
  }

  /** Which tries of a test saw an audit: more than one when it was retried. */
  public synchronized int tries(String device, String test) {
    return earlier(device, test).size() + 1;
  }

  /** How many tries of any test on a device ended BROKEN and ran again. */
  public synchronized int retriesOn(String device) {
    return earlierTries.entrySet().stream().filter(e -> e.getKey().startsWith(device + "\n"))
        .mapToInt(e -> e.getValue().size()).sum();
  }

  /** The tries of a test; a firmware comparison's per-build audits ({@code test[build]}) share its tries. */
  private List<String> earlier(String device, String test) {
    return earlierTries.getOrDefault(key(device, test), List.of());
  }

  private static String key(String device, String test) {
    int build = test.indexOf('[');
    return device + "\n" + (build < 0 ? test : test.substring(0, build));
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
  public synchronized void unrestored(String device, List<String> what) {
    if (what.isEmpty()) {
      unrestored.remove(device);
    } else {
      unrestored.put(device, List.copyOf(what));
    }
  }

  /** Each device not left as found, with what was not undone. */
  public synchronized java.util.Map<String, List<String>> unrestored() {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unrestored));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<AuditEntry> audits() {
    return List.copyOf(audits);
  }


  /**
   * The run's exit code: 1 when a scenario FAILED (its phone uploaded without consent,
   * or its opt-out did not hold), else 2 when a scenario was BROKEN (or none ran), else
   * 0. A scenario skipped because the phone lacks what it needs (a SIM) does not make the
   * run fail; findings of older builds in a firmware comparison are evidence, and only
   * the newest build's decide its verdict.
   */
  public synchronized int exitCode() {
    if (entries.stream().anyMatch(e -> e.outcome() == Outcome.FAILED)) {
      return 1;
    }
    boolean ran = entries.stream().anyMatch(e -> e.outcome() == Outcome.PASSED);
    boolean broken = entries.stream().anyMatch(e -> e.outcome() == Outcome.BROKEN);
    return ran && !broken ? 0 : 2;
  }
}
