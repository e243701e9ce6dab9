package io.phonehome.audit;

import io.phonehome.capture.HarStream;
import io.phonehome.capture.LargeBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A HAR audited as it is read: one thread parses entries while the caller's thread scans
 * the ones parsed before, so the two cores of a small machine both work. At most 64
 * entries and 64 MiB of request bodies wait between the two; a spooled body is scanned
 * as a stream and its spool file deleted right after.
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
  private static final int MAX_WAITING_BYTES = 64 << 20;
  private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;
  private static final long PROGRESS_EVERY_BYTES = 512L << 20;

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
      return String.format(java.util.Locale.ROOT, "read %.0f MB, %d flows, %d findings (%.0f MB/s)",
          mb, flows, findings, seconds > 0 ? mb / seconds : 0.0);
    }
  }

  /**
   * Feeds every entry of {@code har} to {@code run}. Reading problems (skipped or corrupt
   * entries) go to {@code problems} as they are found, progress to {@code progress} every
   * 10 s or 512 MB read.
   */
  public static void feed(HarStream har, AuditRun run, Consumer<String> problems,
      Consumer<Progress> progress) throws IOException {
    Objects.requireNonNull(har, "har");
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64);
    Semaphore room = new Semaphore(MAX_WAITING_BYTES);
    Object end = new Object();
    Thread reader = new Thread(() -> read(har, queue, room, end, problems), "phonehome-har-reader");
    reader.setDaemon(true);
    long started = System.nanoTime();
    long lastReport = started;
    long lastBytes = 0;
    reader.start();
    try {
      while (true) {
        Object item = queue.take();
        if (item == end) {
          break;
        }
        if (item instanceof Failure failure) {
          throw failure.error();
        }
        Item next = (Item) item;
        HarStream.Entry entry = next.entry();
        try {
          if (entry.largeBody().isPresent()) {
            try (LargeBody body = entry.largeBody().get()) {
              run.add(entry.flow(), body);
            }
          } else {
            run.add(entry.flow());
          }
        } finally {
          room.release(next.weight());
        }
        long now = System.nanoTime();
        long bytes = har.bytesRead();
        if (now - lastReport >= PROGRESS_EVERY_NANOS || bytes - lastBytes >= PROGRESS_EVERY_BYTES) {
          progress.accept(new Progress(bytes, run.flows(), run.findings(), (now - started) / 1e9));
          lastReport = now;
          lastBytes = bytes;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while auditing", e);
    } finally {
      reader.interrupt();
      drain(queue);
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      drain(queue);
    }
  }

  private static void read(HarStream har, BlockingQueue<Object> queue, Semaphore room, Object end,
      Consumer<String> problems) {
    try {
      while (har.hasNext()) {
        HarStream.Entry entry = har.next();
        har.takeProblems().forEach(problems);
        int weight = (int) Math.min(MAX_WAITING_BYTES, entry.flow().requestBody().length + 1L);
        room.acquire(weight);
        queue.put(new Item(entry, weight));
      }
      har.takeProblems().forEach(problems);
      queue.put(end);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      try {
        queue.put(new Failure(new IOException("reading the HAR failed: " + cause, cause)));
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void drain(BlockingQueue<Object> queue) {
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof Item waiting) {
        waiting.entry().largeBody().ifPresent(LargeBody::close);
      }
    }
  }

  private record Item(HarStream.Entry entry, int weight) {}

  private record Failure(IOException error) {}
}
