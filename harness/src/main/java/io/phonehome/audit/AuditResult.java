package io.phonehome.audit;

import io.phonehome.consent.JudgedFinding;
import java.util.List;

/**
 * What an audit found.
 *
 * @param flows how many flows were examined
 * @param findings every finding with its verdict, in flow order
 * @param notes what could not be searched (corrupt or oversized bodies); no finding each
 * @param incomplete what of the capture was skipped, one line each naming the file and the
 *     part ({@code capture.har: entry 3 skipped (no request)}, {@code phone.pcap: offset
 *     812: packet data cut short ...}, {@code phone.pcap not read: ...}); empty when every
 *     part of every capture was read. A skipped HAR entry is also a finding, unverifiable
 */
public record AuditResult(int flows, List<JudgedFinding> findings, List<String> notes,
    List<String> incomplete) {
  /** Exit code: ran, no unconsented upload. */
  public static final int EXIT_CLEAN = 0;
  /** Exit code: ran, unconsented uploads found. */
  public static final int EXIT_UNCONSENTED = 1;
  /** Exit code: the harness could not run. */
  public static final int EXIT_CANNOT_RUN = 2;
  /**
   * Exit code: no unconsented upload was found, but part of the capture was not read, so
   * the verdict is unknown (the same code as a BROKEN test in a run).
   */
  public static final int EXIT_VERDICT_UNKNOWN = 2;

  /** How many lines of {@link #incomplete()} {@link #describeIncomplete()} names. */
  private static final int INCOMPLETE_NAMED = 3;

  public AuditResult {
    if (flows < 0) {
      throw new IllegalArgumentException("flows must be >= 0, was " + flows);
    }
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    incomplete = List.copyOf(incomplete);
  }

  /** The result of an audit that read every part of its capture. */
  public AuditResult(int flows, List<JudgedFinding> findings, List<String> notes) {
    this(flows, findings, notes, List.of());
  }

  public List<JudgedFinding> unconsented() {
    return findings.stream().filter(JudgedFinding::unconsented).toList();
  }

  public List<JudgedFinding> unverifiable() {
    return findings.stream().filter(JudgedFinding::unverifiable).toList();
  }

  /** Whether part of the capture was skipped ({@link #incomplete()} is not empty). */
  public boolean isIncomplete() {
    return !incomplete.isEmpty();
  }

  /**
   * {@code incomplete: } and the first few skipped parts ({@code ; and 12 more}), for a
   * summary line; empty when nothing was skipped.
   */
  public String describeIncomplete() {
    if (incomplete.isEmpty()) {
      return "";
    }
    String named = String.join("; ", incomplete.subList(0, Math.min(INCOMPLETE_NAMED, incomplete.size())));
    int more = incomplete.size() - INCOMPLETE_NAMED;
    return "incomplete: " + named + (more > 0 ? "; and " + more + " more" : "");
  }

  /**
   * 1 when an unconsented upload was found (whatever else was skipped); otherwise 2 when
   * part of the capture was skipped (the verdict is unknown), else 0. Unverifiable flows
   * (refused TLS, QUIC, a body past a cap) alone do not change it: they were read as far as
   * the channel or the limit allows, and are listed.
   */
  public int exitCode() {
    if (!unconsented().isEmpty()) {
      return EXIT_UNCONSENTED;
    }
    return incomplete.isEmpty() ? EXIT_CLEAN : EXIT_VERDICT_UNKNOWN;
  }
}
