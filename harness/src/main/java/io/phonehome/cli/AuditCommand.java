package io.phonehome.cli;

import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditTable;
import io.phonehome.capture.HarReader;
import io.phonehome.consent.ConsentPolicy;
import io.phonehome.consent.ConsentPolicyFile;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.consent.PolicyFileException;
import io.phonehome.detect.IdentityFileException;
import io.phonehome.detect.IdentityFileReader;
import io.phonehome.detect.IdentitySet;
import io.phonehome.report.findings.FindingsJsonWriter;
import io.phonehome.report.findings.FindingsReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./phonehome audit}: a capture made elsewhere (HAR 1.2) checked against an
 * identity file with the same detector the suites use.
 *
 * <pre>
 * ./phonehome audit --har FILE --identity FILE [--policy FILE [--consent-state secure:cloud_messaging=1,...]] [--out FILE]
 * </pre>
 *
 * <p>Without a policy nothing carrying an identifier is consented. With one, a HAR holds
 * no consent states, so the switches are those of {@code --consent-state} ({@code
 * namespace:key=0|1}, comma-separated, each a switch the policy names), and every switch
 * is off when it is not given: then only the always-allowed rules apply. The output says
 * which.
 */
final class AuditCommand {
  static final String[] OPTIONS = {"--har", "--pcap", "--identity", "--policy", "--consent-state", "--out"};

  private AuditCommand() {}

  static int run(Options options) throws UsageException {
    return run(options, System.out, System.err);
  }

  static int run(Options options, PrintStream out, PrintStream err) throws UsageException {
    if (options.get("--pcap").isPresent()) {
      throw new UsageException("--pcap is not supported yet: audit a HAR file with --har");
    }
    Path har = Path.of(options.get("--har").orElseThrow(() -> new UsageException("--har FILE is required")));
    Path identityFile = Path.of(options.get("--identity")
        .orElseThrow(() -> new UsageException("--identity FILE is required")));
    for (Path input : new Path[] {har, identityFile}) {
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
    HarReader.Result capture;
    try {
      capture = HarReader.read(har);
    } catch (IOException e) {
      throw new UsageException(e.getMessage().startsWith(har.toString())
          ? e.getMessage() : har + ": " + e.getMessage());
    }
    capture.problems().forEach(p -> err.println("phonehome audit: " + p));
    AuditResult result = Audit.run(capture.flows(), identity, judging.policy());
    if (options.get("--out").isPresent()) {
      Path outFile = Path.of(options.get("--out").get());
      try {
        FindingsJsonWriter.write(FindingsReport.of(null, null, result), outFile);
      } catch (java.io.UncheckedIOException e) {
        throw new UsageException("cannot write " + outFile + ": " + e.getMessage());
      }
      err.println("phonehome audit: " + judging.description());
      err.println("phonehome audit: " + result.flows() + " flows, "
          + result.unconsented().size() + " unconsented findings; written to " + outFile);
    } else {
      out.println(judging.description());
      out.print(AuditTable.render(result));
      if (judging.fromPolicyFile()) {
        out.print(AuditTable.reasons(result));
      }
    }
    return result.exitCode();
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
}
