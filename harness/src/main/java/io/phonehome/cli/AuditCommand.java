package io.phonehome.cli;

import io.phonehome.audit.Audit;
import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditTable;
import io.phonehome.capture.HarReader;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.IdentityFileException;
import io.phonehome.detect.IdentityFileReader;
import io.phonehome.detect.IdentitySet;
import io.phonehome.report.findings.FindingsJsonWriter;
import io.phonehome.report.findings.FindingsReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ./phonehome audit}: a capture made elsewhere (HAR 1.2) checked against an
 * identity file with the same detector the suites use. Without a policy nothing
 * carrying an identifier is consented.
 */
final class AuditCommand {
  private AuditCommand() {}

  static int run(Options options) throws UsageException {
    if (options.get("--pcap").isPresent()) {
      throw new UsageException("--pcap is not supported yet: audit a HAR file with --har");
    }
    if (options.get("--policy").isPresent()) {
      throw new UsageException("--policy is not supported yet: without it nothing carrying an identifier is consented");
    }
    Path har = Path.of(options.get("--har").orElseThrow(() -> new UsageException("--har FILE is required")));
    Path identityFile = Path.of(options.get("--identity")
        .orElseThrow(() -> new UsageException("--identity FILE is required")));
    for (Path input : new Path[] {har, identityFile}) {
      if (!java.nio.file.Files.isRegularFile(input)) {
        throw new UsageException(input + ": no such file");
      }
    }
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
    capture.problems().forEach(p -> System.err.println("phonehome audit: " + p));
    AuditResult result = Audit.run(capture.flows(), identity, OptOutPolicy.withUnknownState());
    if (options.get("--out").isPresent()) {
      Path out = Path.of(options.get("--out").get());
      try {
        FindingsJsonWriter.write(FindingsReport.of(null, null, result), out);
      } catch (java.io.UncheckedIOException e) {
        throw new UsageException("cannot write " + out + ": " + e.getMessage());
      }
      System.err.println("phonehome audit: " + result.flows() + " flows, "
          + result.unconsented().size() + " unconsented findings; written to " + out);
    } else {
      System.out.print(AuditTable.render(result));
    }
    return result.exitCode();
  }
}
