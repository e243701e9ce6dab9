package io.phonehome.cli;

import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditRun;
import io.phonehome.audit.AuditTable;
import io.phonehome.audit.HarAudit;
import io.phonehome.capture.HarStream;
import io.phonehome.capture.pcap.PcapFilter;
import io.phonehome.capture.pcap.PcapFlows;
import io.phonehome.capture.pcap.PcapReader;
import io.phonehome.capture.pcap.PcapResult;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.consent.PolicyFileException;
import io.phonehome.detect.DetectorLimits;
import io.phonehome.detect.IdentityFileException;
import io.phonehome.detect.IdentityFileReader;
import io.phonehome.detect.IdentitySet;
import io.phonehome.report.findings.FindingsJsonWriter;
import io.phonehome.report.findings.FindingsReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./phonehome audit}: a capture made elsewhere (HAR 1.2, and/or a pcap or pcapng
 * packet capture) checked against an identity file with the same detector the suites use.
 *
 * <pre>
 * ./phonehome audit [--har FILE] [--pcap FILE [--proxy HOST:PORT]] --identity FILE [--policy FILE [--consent-state secure:cloud_messaging=1,...]] [--out FILE]
 * </pre>
 *
 * <p>Without a policy nothing carrying an identifier is consented. With one, a HAR holds
 * no consent states, so the switches are those of {@code --consent-state} ({@code
 * namespace:key=0|1}, comma-separated, each a switch the policy names), and every switch
 * is off when it is not given: then only the always-allowed rules apply. The output says
 * which.
 *
 * <p>Exit codes as for {@code run}: 0 every part of the capture read and nothing
 * unconsented; 1 an unconsented upload found (whatever else was skipped); 2 the audit
 * could not run, or a capture (or part of one: a HAR entry, a pcap record) was not read
 * and nothing unconsented was found in the rest, so the verdict is unknown. A capture not
 * read at all is one line on stderr naming the file and what is wrong; a skipped part
 * makes the summary line say {@code incomplete:} and what, and a skipped HAR entry is an
 * unverifiable finding under its index.
 */
final class AuditCommand {
  static final String[] OPTIONS = {"--har", "--pcap", "--proxy", "--identity", "--policy", "--consent-state", "--out"};

  private AuditCommand() {}

  static int run(Options options) throws UsageException {
    return run(options, System.out, System.err);
  }

  static int run(Options options, PrintStream out, PrintStream err) throws UsageException {
    Optional<Path> har = options.get("--har").map(Path::of);
    Optional<Path> pcap = options.get("--pcap").map(Path::of);
    if (har.isEmpty() && pcap.isEmpty()) {
      throw new UsageException("give a capture: --har FILE and/or --pcap FILE");
    }
    Path identityFile = Path.of(options.get("--identity")
        .orElseThrow(() -> new UsageException("--identity FILE is required")));
    List<Path> inputs = new ArrayList<>();
    har.ifPresent(inputs::add);
    pcap.ifPresent(inputs::add);
    inputs.add(identityFile);
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new UsageException(input + ": no such file");
      }
    }
    Judging judging = judging(options);
    IdentitySet identity;
    try {
      identity = IdentityFileReader.read(identityFile);
    } catch (IdentityFileException e) {
      throw new UsageException(e.getMessage());
    }
    AuditRun run = new AuditRun(identity, judging.policy(), DetectorLimits.DEFAULT);
    // each capture given, and why it could not be read at all (empty when it was read)
    Map<Path, Optional<String>> unreadable = new java.util.LinkedHashMap<>();
    if (har.isPresent()) {
      unreadable.put(har.get(), auditHar(har.get(), run, err));
    }
    if (pcap.isPresent()) {
      unreadable.put(pcap.get(), pcapFlows(pcap.get(), pcapFilter(options.get("--proxy")), run, err));
    }
    List<Path> audited = unreadable.keySet().stream().filter(p -> unreadable.get(p).isEmpty()).toList();
    List<String> notRead = unreadable.values().stream().flatMap(Optional::stream).toList();
    if (audited.isEmpty()) {
      // nothing was read: there is no table to show, only why
      notRead.forEach(why -> err.println("phonehome audit: " + why));
      return AuditResult.EXIT_VERDICT_UNKNOWN;
    }
    notRead.forEach(run::incomplete);
    AuditResult result = run.result();
    if (options.get("--out").isPresent()) {
      Path outFile = Path.of(options.get("--out").get());
      try {
        FindingsJsonWriter.write(FindingsReport.of(null, null, result), outFile);
      } catch (java.io.UncheckedIOException e) {
        throw new UsageException("cannot write " + outFile + ": " + e.getMessage());
      }
      err.println("phonehome audit: " + judging.description());
      err.println("phonehome audit: " + result.flows() + " flows, "
          + result.unconsented().size() + " unconsented findings"
          + (result.isIncomplete() ? "; " + result.describeIncomplete() : "") + "; written to " + outFile);
    } else {
      out.println(judging.description());
      out.print(AuditTable.render(result));
      if (judging.fromPolicyFile()) {
        out.print(AuditTable.reasons(result));
      }
    }
    // the capture that was read is judged; the one that was not leaves the verdict unknown
    for (String why : notRead) {
      err.println("phonehome audit: " + why + "; only " + audited.get(0) + " was audited"
          + (result.unconsented().isEmpty() ? ", so the verdict is unknown" : " (it shows unconsented uploads)"));
    }
    return result.exitCode();
  }

  /**
   * Streams the HAR into the audit; reading problems and, for big files, progress lines
   * (MB read, flows, findings) go to {@code err}. A file that is no HAR at all is not read:
   * the one line saying why (and what to do) is returned.
   */
  private static Optional<String> auditHar(Path har, AuditRun run, PrintStream err) throws UsageException {
    HarStream stream;
    try {
      stream = HarStream.open(har);
    } catch (IOException e) {
      String why = e.getMessage().startsWith(har.toString()) ? e.getMessage() : har + ": " + e.getMessage();
      return Optional.of(why + CaptureHints.forHar(har));
    }
    try (stream) {
      long size = Files.size(har);
      HarAudit.feed(stream, run, p -> err.println("phonehome audit: " + p),
          p -> err.println("phonehome audit: " + p.describe(size)));
    } catch (IOException e) {
      throw new UsageException(e.getMessage().startsWith(har.toString())
          ? e.getMessage() : har + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /** The policy the findings are judged by, and one line saying what it assumes. */
  private record Judging(ConsentPolicy policy, String description, boolean fromPolicyFile) {}

  private static Judging judging(Options options) throws UsageException {
    if (options.get("--policy").isEmpty()) {
      if (options.get("--consent-state").isPresent()) {
        throw new UsageException("--consent-state needs --policy FILE (without a policy nothing"
            + " carrying an identifier is consented)");
      }
      return new Judging(OptOutPolicy.withUnknownState(),
          "consent: no --policy: nothing carrying an identifier is consented", false);
    }
    Path policyPath = Path.of(options.get("--policy").get());
    ConsentPolicyFile policy;
    try {
      policy = ConsentPolicyFile.read(policyPath);
    } catch (PolicyFileException e) {
      throw new UsageException(e.getMessage());
    }
    if (options.get("--consent-state").isEmpty()) {
      return new Judging(policy.under(policy.allSwitchesOff()), "consent: policy " + policyPath
          + ", no --consent-state: every switch assumed off, only always-allowed rules apply", true);
    }
    ConsentState state;
    try {
      state = ConsentState.parse(options.get("--consent-state").get());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--consent-state: " + e.getMessage());
    }
    for (Map.Entry<String, String> setting : state.settings().entrySet()) {
      if (!policy.switches().containsKey(setting.getKey())) {
        throw new UsageException("--consent-state: '" + setting.getKey() + "' is not a switch of "
            + policyPath + " (its switches: " + (policy.switches().isEmpty() ? "none"
            : String.join(", ", policy.switches().keySet())) + ")");
      }
      if (!setting.getValue().equals("0") && !setting.getValue().equals("1")) {
        throw new UsageException("--consent-state: " + setting.getKey() + "=" + setting.getValue()
            + " is not a switch state (0 or 1; a switch is on when its setting is 1)");
      }
    }
    Map<String, String> settings = new java.util.LinkedHashMap<>(policy.allSwitchesOff().settings());
    settings.putAll(state.settings());
    state = ConsentState.of(settings);
    return new Judging(policy.under(state), "consent: policy " + policyPath
        + ", switch states from --consent-state: " + state.describe()
        + " (switches not given are off)", true);
  }

  /**
   * Streams to the capture proxy are left out with {@code --proxy HOST:PORT} (the HAR has
   * them); without it every stream counts.
   */
  private static PcapFilter pcapFilter(Optional<String> proxy) throws UsageException {
    try {
      return proxy.map(p -> PcapFilter.proxy(p)).orElse(PcapFilter.none());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--proxy: " + e.getMessage());
    }
  }

  /**
   * Audits what a packet capture saw. Each part the reader skipped (a record cut short, a
   * packet it could not parse) is named on {@code err} and makes the audit incomplete; a
   * file of which not one packet could be read is not a capture: the one line saying why
   * (and what to do) is returned.
   */
  private static Optional<String> pcapFlows(Path pcap, PcapFilter filter, AuditRun run, PrintStream err)
      throws UsageException {
    PcapResult read;
    try {
      read = new PcapReader().read(pcap);
    } catch (IOException e) {
      throw new UsageException(pcap + ": " + e.getMessage());
    }
    if (read.packets() == 0 && !read.problems().isEmpty()) {
      String problem = read.problems().get(0);
      return Optional.of(problem.startsWith("offset 0: ")
          ? pcap + " is not a packet capture: " + problem.substring(10) + CaptureHints.forPcap(pcap)
          : pcap + ": no packet could be read: " + problem);
    }
    for (String problem : read.problems()) {
      err.println("phonehome audit: " + pcap + ": " + problem);
      run.incomplete(pcap + ": " + problem);
    }
    PcapFlows.from(read, filter).forEach(run::add);
    return Optional.empty();
  }
}
