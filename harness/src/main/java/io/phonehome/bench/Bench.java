package io.phonehome.bench;

import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditRun;
import io.phonehome.audit.HarAudit;
import io.phonehome.capture.HarStream;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.DetectorLimits;
import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.StreamingBodyScanner;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./phonehome bench [--har-mb 500] [--body-gb 2] [--requests 3000]}: one run that
 * prints what the audit costs on this machine. See {@code docs/benchmark.md} for what
 * each figure means. {@code ./phonehome bench --farm 8} measures instead what testing
 * handsets in parallel costs ({@link FarmBench}).
 *
 * <ol>
 *   <li>writes a HAR of {@code --har-mb} MB (fixed seed) with the 20 benchmark values
 *       planted in varied encodings;
 *   <li>audits it as {@code ./phonehome audit} does (streaming HAR reader, detector) and
 *       searches it with {@code grep -c -F -f} for the same needle texts, in MB/s;
 *   <li>streams a HAR entry with a {@code --body-gb} GB body through the audit in a JVM
 *       limited to 256 MB of heap, and reports the heap it used;
 *   <li>sends {@code --requests} requests through plain mitmdump and through mitmdump with
 *       the bridge addon, and counts the flows the harness received.
 * </ol>
 */
public final class Bench {
  private static final String GREP = "/usr/bin/grep";

  private final BenchOptions options;
  private final PrintStream out;
  private final List<String[]> figures = new ArrayList<>();

  private Bench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the benchmark; returns 0, or 2 with a one-line reason when it cannot run. */
  public static int run(String[] args, PrintStream out) {
    try {
      new Bench(BenchOptions.parse(args), out).run();
      return 0;
    } catch (IllegalArgumentException | IOException | StartException e) {
      out.flush();
      System.err.println("phonehome bench: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("phonehome bench: interrupted");
      return 2;
    }
  }

  private void run() throws IOException, InterruptedException, StartException {
    Path work = options.workDir().isPresent()
        ? Files.createDirectories(options.workDir().get()).resolve("phonehome-bench-" + ProcessHandle.current().pid())
        : Files.createTempDirectory("phonehome-bench");
    Files.createDirectories(work);
    String load = loadAverage();
    say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB; working in " + work);
    FarmBench.Outcome farm = null;
    boolean keep = false;
    try {
      if (options.farm() > 0) {
        farm = new FarmBench(options, this::figure, this::say).run(work);
        keep = farm.failed() > 0;
      } else {
        if (options.audit()) {
          harFigures(work);
          bodyFigure(work);
        }
        if (options.proxies()) {
          proxyFigures(work);
        }
      }
    } finally {
      if (keep) {
        say("kept " + work + " for the failed runs' folders and logs");
      } else {
        deleteTree(work);
      }
    }
    figure("load average", "at start " + load + ", at end " + loadAverage()
        + " (1/5/15 min; above the core count, other work shared the machine and the rates are low)");
    out.println();
    out.println("figures:");
    for (String[] f : figures) {
      out.println(String.format(Locale.ROOT, "  %-24s %s", f[0], f[1]));
    }
    if (farm != null) {
      out.println();
      out.println(FarmBench.goal(farm.measurements()));
      if (farm.failed() > 0) {
        throw new IOException(farm.failed() + " of " + farm.measurements().size() + " farm runs failed (see"
            + " above; their folders are in " + work + ")");
      }
    }
  }

  private void harFigures(Path work) throws IOException, InterruptedException {
    Path har = work.resolve("bench.har");
    long t0 = System.nanoTime();
    HarGenerator.Written written = new HarGenerator().write(har, options.harMegabytes());
    double mb = written.bytes() / 1e6;
    say(String.format(Locale.ROOT, "wrote %s: %.1f MB, %d entries, %d planted values in %.1f s", har, mb,
        written.entries(), written.plants(), seconds(t0)));
    figure("har", String.format(Locale.ROOT, "%.1f MB, %,d entries, %d planted values of %d identifiers",
        mb, written.entries(), written.plants(), written.identifiers().size()));

    IdentitySet identity = BenchIdentity.identity();
    StreamingBodyScanner scanner = new StreamingBodyScanner(identity);
    figure("patterns", scanner.needleCount() + " needles (every written form of the 20 values, in every encoding)");
    figure("automaton", scanner.automatonSize());

    CpuClock cpu = CpuClock.start();
    t0 = System.nanoTime();
    AuditRun run = new AuditRun(identity, OptOutPolicy.withUnknownState(), DetectorLimits.DEFAULT);
    try (HarStream stream = HarStream.open(har, HarStream.DEFAULT_LARGE_BODY, work)) {
      HarAudit.feed(stream, run, p -> say("problem: " + p), p -> say("audit: " + p.describe()));
    }
    double auditSeconds = seconds(t0);
    AuditResult result = run.result();
    Set<String> found = new LinkedHashSet<>();
    result.findings().forEach(j -> found.add(j.finding().identifier()));
    long missed = written.identifiers().stream().filter(i -> !found.contains(i)).count();
    double auditRate = mb / auditSeconds;
    figure("audit", String.format(Locale.ROOT, "%.1f MB/s (%.1f s), %,d findings in %,d flows, %d of %d planted"
        + " identifiers found", auditRate, auditSeconds, result.findings().size(), result.flows(),
        written.identifiers().size() - missed, written.identifiers().size()));
    CpuClock.Spent spent = cpu.stop();
    figure("audit CPU", String.format(Locale.ROOT, "%.1f s of CPU in %.1f s (%.1f cores busy), of which the JIT"
        + " compiler took %.1f s", spent.processSeconds(), auditSeconds, spent.processSeconds() / auditSeconds,
        spent.compilerSeconds()));

    t0 = System.nanoTime();
    long matches;
    try (InputStream in = Files.newInputStream(har)) {
      matches = scanner.countMatches(in);
    }
    double dfaSeconds = seconds(t0);
    figure("automaton alone", String.format(Locale.ROOT, "%.1f MB/s (%.1f s), %,d occurrences: the DFA over the"
        + " HAR's raw bytes, no parsing, no decoding", mb / dfaSeconds, dfaSeconds, matches));

    Path needles = work.resolve("needles.txt");
    java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
    int printable = 0;
    for (String text : scanner.needleTexts()) {
      // raw digest bytes cannot be lines of a pattern file, and never occur as such in
      // a JSON text: grep gets every needle that can
      if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        lines.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        lines.write('\n');
        printable++;
      }
    }
    Files.write(needles, lines.toByteArray());
    GrepResult grep = grep(needles, har);
    double grepRate = mb / grep.seconds();
    figure("grep -c -F -f", String.format(Locale.ROOT, "%.1f MB/s (%.1f s), %s matching lines, %,d patterns"
        + " (the printable needles)", grepRate, grep.seconds(), grep.output(), printable));
    figure("audit / grep", String.format(Locale.ROOT, "%.2f (goal >= 1, aim 2)", auditRate / grepRate));
    Files.delete(har);
  }

  private record GrepResult(double seconds, String output) {}

  private GrepResult grep(Path needles, Path har) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(GREP))) {
      throw new IOException(GREP + " not found: install it with: apt-get install grep");
    }
    ProcessBuilder builder = Program.GREP.command(Path.of(GREP), "-c", "-F", "-f", needles.toString(), har.toString());
    builder.environment().put("LC_ALL", "C");
    builder.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process grep = builder.start();
    String output = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!grep.waitFor(10, TimeUnit.MINUTES)) {
      grep.destroyForcibly();
      throw new IOException("grep did not finish within 10 minutes");
    }
    double seconds = seconds(t0);
    if (grep.exitValue() > 1) {
      throw new IOException("grep failed with status " + grep.exitValue() + ": " + output);
    }
    return new GrepResult(seconds, output);
  }

  private void bodyFigure(Path work) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder command = Program.JAVA.command(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        BodyStreamProbe.class.getName(), Long.toString(options.bodyBytes()), work.toString());
    say("streaming a " + options.bodyBytes() / 1_000_000 + " MB body in a JVM with -Xmx256m...");
    Process probe = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!probe.waitFor(10, TimeUnit.MINUTES) || probe.exitValue() != 0) {
      probe.destroyForcibly();
      figure("body peak heap", "FAILED: the probe exited with status " + probe.exitValue() + " " + output);
      return;
    }
    say("probe: " + output);
    java.util.Map<String, String> v = new java.util.HashMap<>();
    for (String pair : output.substring(output.lastIndexOf('\n') + 1).split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        v.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    double gb = options.bodyBytes() / 1e9;
    figure(String.format(Locale.ROOT, "%.1f GB body heap", gb), String.format(Locale.ROOT,
        "peak %s MB sampled, %s MB live after GC (heap pools' peaks summed: %s MB; -Xmx256m), %.0f MB/s"
            + " (%s s: spool + scan), found: %s, spool files left: %s",
        v.get("sampled-peak-mb"), v.get("live-after-gc-mb"), v.get("pool-peaks-mb"),
        options.bodyBytes() / 1e6 / Double.parseDouble(v.getOrDefault("seconds", "NaN")), v.get("seconds"),
        v.get("identifiers"), v.get("spools-left")));
  }

  private void proxyFigures(Path work) throws IOException, InterruptedException, StartException {
    say("sending " + options.requests() + " requests over " + options.connections()
        + " connections through plain mitmdump, then through mitmdump with the bridge...");
    ProxyBench.Result r = ProxyBench.run(options.requests(), options.connections(), work.resolve("proxy"));
    figure("plain mitmdump", String.format(Locale.ROOT, "%.0f req/s (%d of %d answered), %.0f us of mitmdump CPU"
        + " per request", r.plain().load().rate(), r.plain().load().ok(), r.plain().load().sent(),
        r.plain().cpuPerRequestMicros()));
    figure("mitmdump + bridge", String.format(Locale.ROOT, "%.0f req/s (%d of %d answered), %.0f us of mitmdump CPU"
        + " per request + %s of harness CPU reading the events; harness received %d of %d flows (%d lost)",
        r.bridge().load().rate(), r.bridge().load().ok(), r.bridge().load().sent(), r.bridge().cpuPerRequestMicros(),
        r.readerCpuPerRequestMicros() < 0 ? "(unmeasured)" : String.format(Locale.ROOT, "%.0f us",
            r.readerCpuPerRequestMicros()), r.received(), r.sentToBridge(), r.sentToBridge() - r.received()));
    figure("bridge / plain", String.format(Locale.ROOT, "%.2f (the bridge costs %.0f%%; goal <= 10%%); median of"
        + " %d slice pairs %.2f (range %.2f to %.2f)", r.ratio(), (1 - r.ratio()) * 100, r.pairRatios().size(),
        r.medianPairRatio(), r.minPairRatio(), r.maxPairRatio()));
    double plainCpu = r.plain().cpuPerRequestMicros();
    double bridgeCpu = r.bridge().cpuPerRequestMicros() + Math.max(0, r.readerCpuPerRequestMicros());
    figure("bridge CPU cost", String.format(Locale.ROOT, "%+.0f%% CPU per request (mitmdump + bridge + harness"
        + " reader against plain mitmdump)", (bridgeCpu / plainCpu - 1) * 100));
  }

  private void figure(String name, String value) {
    figures.add(new String[] {name, value});
    say(name + ": " + value);
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
