package io.phonehome.cli;

import io.phonehome.lifecycle.Interruption;
import java.util.Arrays;

/**
 * {@code ./phonehome} entry point.
 *
 * <pre>
 * ./phonehome run   [--devices devices.yaml] [--suite suites/privacy-nightly.xml] [--out DIR]
 * ./phonehome audit --har FILE --identity FILE [--policy FILE [--consent-state secure:cloud_messaging=1,...]] [--out FILE]
 * ./phonehome bench [--har-mb 500] [--body-gb 2] [--requests 3000] [--connections 4] [--dir DIR] [--no-proxy]
 * ./phonehome bench --farm 8 [--via direct|appium|both] [--observe 10s] [--dir DIR]
 * </pre>
 *
 * <p>Exit codes: 0 ran, no unconsented upload; 1 ran, unconsented uploads found; 2 the
 * harness could not run, with a one-line reason, or the verdict is unknown (a test BROKEN;
 * for {@code audit}, a capture or part of one not read) and no unconsented upload was found.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    // an interrupted run ends with this code too, once the shutdown it is in lets it
    Interruption.finished(code);
    System.exit(code);
  }

  /** Runs one command; returns its exit code (0, 1 or 2, as documented above). */
  public static int run(String[] args) {
    if (args.length == 0) {
      System.err.println("phonehome: say what to do: run, audit or bench");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "run" -> RunCommand.run(Options.parse(rest, "--devices", "--suite", "--out"));
        case "audit" -> AuditCommand.run(Options.parse(rest, AuditCommand.OPTIONS));
        case "bench" -> io.phonehome.bench.Bench.run(rest, System.out);
        default -> {
          System.err.println("phonehome: unknown command '" + args[0] + "' (run, audit or bench)");
          yield 2;
        }
      };
    } catch (UsageException e) {
      System.err.println("phonehome " + args[0] + ": " + e.getMessage());
      return 2;
    }
  }
}
