package io.phonehome.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code audit --har FILE --identity FILE ...} in-process, with what it printed. */
record AuditCall(int code, String stdout, String stderr) {

  static AuditCall run(Path har, Path identity, String... extra) throws UsageException {
    List<String> args = new ArrayList<>(List.of("--har", har.toString(), "--identity", identity.toString()));
    args.addAll(List.of(extra));
    return of(args.toArray(String[]::new));
  }

  /** {@code audit} with exactly these arguments. */
  static AuditCall of(String... args) throws UsageException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AuditCommand.run(Options.parse(args, AuditCommand.OPTIONS),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new AuditCall(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
