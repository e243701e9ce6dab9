package io.phonehome.audit;

import io.phonehome.consent.JudgedFinding;
import java.util.List;

/**
 * What an audit found.
 *
 * @param flows how many flows were examined
 * @param findings every finding with its verdict, in flow order
 * @param notes what could not be searched (corrupt or oversized bodies); no finding each
 */
public record AuditResult(int flows, List<JudgedFinding> findings, List<String> notes) {
  /** Exit code: ran, no unconsented upload. */
  public static final int EXIT_CLEAN = 0;
  /** Exit code: ran, unconsented uploads found. */
  public static final int EXIT_UNCONSENTED = 1;
  /** Exit code: the harness could not run. */
  public static final int EXIT_CANNOT_RUN = 2;

  public AuditResult {
    if (flows < 0) {
      throw new IllegalArgumentException("flows must be >= 0, was " + flows);
    }
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  public List<JudgedFinding> unconsented() {
    return findings.stream().filter(JudgedFinding::unconsented).toList();
  }

  public List<JudgedFinding> unverifiable() {
    return findings.stream().filter(JudgedFinding::unverifiable).toList();
  }

  /** 0 when nothing unconsented was found, 1 otherwise; unverifiable flows do not count. */
  public int exitCode() {
    return unconsented().isEmpty() ? EXIT_CLEAN : EXIT_UNCONSENTED;
  }
}
