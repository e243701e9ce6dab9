package io.phonehome.audit;

import io.phonehome.capture.HarStream;
import io.phonehome.capture.LargeBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A HAR audited as it is read: the caller's thread parses entries while one scanning
 * thread per core searches the ones parsed before; findings are recorded in entry order.
 * A few entries per thread and 64 MiB of bodies wait at most (an entry holds at most
 * 8 MiB of body: larger ones are spooled), and a spooled body is scanned as a stream and
 * its spool file deleted right after.
 *
 * <pre>{@code
 * try (HarStream har = HarStream.open(path)) {
 *   AuditRun run = new AuditRun(identity, policy, DetectorLimits.DEFAULT);
 *   HarAudit.feed(har, run, System.err::println, p -> System.err.println(p.describe()));
 *   AuditResult result = run.result();
 * }
 * }</pre>
 */
public final class HarAudit {
  private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;
  private static final long PROGRESS_EVERY_BYTES = 512L << 20;
  /** Bodies waiting for or in a scan, together; a many-core machine must not hold hundreds of them. */
  private static final long MAX_IN_FLIGHT_BYTES = 64L << 20;

  private HarAudit() {}

  /**
   * How far an audit has got.
   *
   * @param bytesRead bytes of the HAR read so far
   * @param flows flows scanned
   * @param findings findings so far
   * @param seconds since the audit started
   */
  public record Progress(long bytesRead, int flows, int findings, double seconds) {
    /** One line: MB read, flows, findings and the rate. */
    public String describe() {
      double mb = bytesRead / 1e6;
      return String.format(Locale.ROOT, "read %.0f MB, %d flows, %d findings (%.0f MB/s)",
          mb, flows, findings, seconds > 0 ? mb / seconds : 0.0);
    }

    /** {@link #describe()} with the whole size: {@code read 34 of 120 MB, ...}. */
    public String describe(long totalBytes) {
      double mb = bytesRead / 1e6;
      return String.format(Locale.ROOT, "read %.0f of %.0f MB, %d flows, %d findings (%.0f MB/s)",
          mb, totalBytes / 1e6, flows, findings, seconds > 0 ? mb / seconds : 0.0);
    }
  }

  /**
   * Feeds every entry of {@code har} to {@code run}. Reading problems (skipped or corrupt
   * entries) go to {@code problems} as they are found, progress to {@code progress} every
   * 10 s or 512 MB read. An entry that could not be read is recorded in its place as an
   * unverifiable finding naming why ({@code HAR entry skipped: no request}), and with a file
   * cut short it makes the run {@linkplain AuditRun#incomplete(String) incomplete}.
   */
  public static void feed(HarStream har, AuditRun run, Consumer<String> problems,
      Consumer<Progress> progress) throws IOException {
    Objects.requireNonNull(har, "har");
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService scanners = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "phonehome-scan");
      t.setDaemon(true);
      return t;
    });
    ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    int maxInFlight = 2 * threads + 2;
    long inFlightBytes = 0;
    long started = System.nanoTime();
    long lastReport = started;
    long lastBytes = 0;
    try {
      while (har.hasNext()) {
        HarStream.Entry entry = har.next();
        har.takeProblems().forEach(problems);
        skipped(har, run, inFlight);
        long weight = entry.flow().requestBody().length;
        inFlight.add(new Pending(entry, weight, scanners.submit(() -> scan(run, entry))));
        inFlightBytes += weight;
        while (!inFlight.isEmpty() && (inFlight.size() >= maxInFlight || inFlightBytes > MAX_IN_FLIGHT_BYTES
            || inFlight.peek().future().isDone())) {
          Pending done = inFlight.poll();
          inFlightBytes -= done.weight();
          run.record(result(done.future()));
        }
        long now = System.nanoTime();
        long bytes = har.bytesRead();
        if (now - lastReport >= PROGRESS_EVERY_NANOS || bytes - lastBytes >= PROGRESS_EVERY_BYTES) {
          progress.accept(new Progress(bytes, run.flows(), run.findings(), (now - started) / 1e9));
          lastReport = now;
          lastBytes = bytes;
        }
      }
      har.takeProblems().forEach(problems);
      skipped(har, run, inFlight);
      if (har.stoppedEarly()) {
        run.incomplete(har.source() + ": reading stopped at byte " + har.bytesRead()
            + " before the end of log.entries; what followed is unknown");
      }
      while (!inFlight.isEmpty()) {
        run.record(result(inFlight.poll().future()));
      }
    } finally {
      for (Pending p : inFlight) {
        if (p.entry() != null && p.future().cancel(true)) {
          // never scanned, so its spool was never closed
          p.entry().largeBody().ifPresent(LargeBody::close);
        }
      }
      scanners.shutdownNow();
    }
  }

  private record Pending(HarStream.Entry entry, long weight, Future<AuditRun.Scanned> future) {}

  /** Queues the entries skipped so far as unverifiable findings, in their place among the others. */
  private static void skipped(HarStream har, AuditRun run, ArrayDeque<Pending> inFlight) {
    for (HarStream.Skipped s : har.takeSkipped()) {
      run.incomplete(har.source() + ": entry " + s.flow().index() + " skipped (" + s.why() + ")");
      inFlight.add(new Pending(null, 0, CompletableFuture.completedFuture(
          run.unread(s.flow(), "HAR entry skipped: " + s.why()))));
    }
  }

  private static AuditRun.Scanned scan(AuditRun run, HarStream.Entry entry) throws IOException {
    if (entry.largeBody().isEmpty()) {
      return run.scan(entry.flow());
    }
    try (LargeBody body = entry.largeBody().get()) {
      return run.scan(entry.flow(), body);
    }
  }

  private static AuditRun.Scanned result(Future<AuditRun.Scanned> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while auditing", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }
}
