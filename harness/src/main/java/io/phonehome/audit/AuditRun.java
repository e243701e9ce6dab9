package io.phonehome.audit;

import io.phonehome.capture.Flow;
import io.phonehome.capture.LargeBody;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Detector;
import io.phonehome.detect.DetectorLimits;
import io.phonehome.detect.Finding;
import io.phonehome.detect.FlowScan;
import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.StreamingBodyScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An audit fed one flow at a time: each flow is scanned and judged as it comes and then
 * dropped, so a capture of any size is audited in the memory of its findings. A request
 * body too large for memory ({@link LargeBody}) is searched as a stream.
 *
 * <pre>{@code
 * AuditRun run = new AuditRun(identity, policy, DetectorLimits.DEFAULT);
 * for (Flow flow : flows) {
 *   run.add(flow);
 * }
 * AuditResult result = run.result();
 * }</pre>
 */
public final class AuditRun {
  private final IdentitySet identity;
  private final ConsentPolicy policy;
  private final Detector detector;
  private StreamingBodyScanner streaming;
  private final List<JudgedFinding> judged = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> incomplete = new ArrayList<>();
  private int flows;
  private int unconsented;

  public AuditRun(IdentitySet identity, ConsentPolicy policy, DetectorLimits limits) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.detector = new Detector(identity, Objects.requireNonNull(limits, "limits"));
  }

  /** Scans and judges one flow. */
  public void add(Flow flow) {
    record(scan(flow));
  }

  /**
   * Scans and judges one flow whose request body is {@code body} rather than the flow's
   * own (empty) body: the URL, headers and cookies as {@link #add(Flow)} does, the body as
   * a stream. The caller still owns {@code body} and closes it.
   */
  public void add(Flow flow, LargeBody body) throws IOException {
    record(scan(flow, body));
  }

  /** What scanning one flow found, not yet judged: from {@link #scan(Flow)}, for {@link #record(Scanned)}. */
  public record Scanned(List<FlowScan> scans) {
    public Scanned {
      scans = List.copyOf(scans);
    }
  }

  /**
   * Scans one flow without recording it; safe to call from several threads at once, so
   * flows can be scanned in parallel and then recorded in their order.
   */
  public Scanned scan(Flow flow) {
    return new Scanned(List.of(detector.scan(flow)));
  }

  /** {@link #scan(Flow)} for a flow whose request body is {@code body}, searched as a stream. */
  public Scanned scan(Flow flow, LargeBody body) throws IOException {
    return new Scanned(List.of(detector.scan(flow), streaming().scan(flow, body::open, body.size())));
  }

  /**
   * The scan of a flow the capture's reader could not read (a HAR entry it skipped): one
   * unverifiable finding ({@link Finding#unread}) whose reason is {@code why}. Record it
   * with {@link #record(Scanned)} in its place among the others.
   */
  public Scanned unread(Flow flow, String why) {
    return new Scanned(List.of(new FlowScan(List.of(Finding.unread(flow, why)), List.of())));
  }

  /**
   * Notes a part of the capture that was skipped ({@code capture.har: entry 3 skipped (no
   * request)}, {@code phone.pcap: offset 812: ...}): the result is then incomplete, and its
   * exit code is not 0.
   */
  public void incomplete(String what) {
    incomplete.add(Objects.requireNonNull(what, "what"));
  }

  private synchronized StreamingBodyScanner streaming() {
    if (streaming == null) {
      streaming = new StreamingBodyScanner(identity);
    }
    return streaming;
  }

  /** Judges and keeps what one flow's scan found; flows are recorded one at a time, in order. */
  public void record(Scanned scanned) {
    scanned.scans().forEach(this::take);
    flows++;
  }

  private void take(FlowScan scan) {
    for (Finding finding : scan.findings()) {
      JudgedFinding j = new JudgedFinding(finding, policy.judge(finding));
      judged.add(j);
      if (j.unconsented()) {
        unconsented++;
      }
    }
    notes.addAll(scan.notes());
  }

  /** Flows added so far. */
  public int flows() {
    return flows;
  }

  /** Findings so far. */
  public int findings() {
    return judged.size();
  }

  /** Unconsented findings so far. */
  public int unconsented() {
    return unconsented;
  }

  /** What was found in the flows added so far. */
  public AuditResult result() {
    return new AuditResult(flows, judged, notes, incomplete);
  }
}
