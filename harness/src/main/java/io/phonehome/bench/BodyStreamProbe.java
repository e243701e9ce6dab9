package io.phonehome.bench;

import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditRun;
import io.phonehome.capture.HarStream;
import io.phonehome.capture.LargeBody;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.DetectorLimits;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The 2 GB body figure, run in its own JVM (the benchmark starts it with {@code -Xmx256m}):
 * a HAR whose one entry holds a body of the given size, generated on the fly (never on
 * disk as a HAR), read by {@link HarStream} (which spools the body) and searched by the
 * audit as a stream. Prints one line of {@code key=value} figures.
 *
 * <pre>
 * java -Xmx256m -cp ... io.phonehome.bench.BodyStreamProbe BYTES SPOOL_DIR
 * </pre>
 */
public final class BodyStreamProbe {
  private BodyStreamProbe() {}

  public static void main(String[] args) throws Exception {
    long bytes = Long.parseLong(args[0]);
    Path spoolDir = Path.of(args[1]);
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    AuditRun run = new AuditRun(BenchIdentity.identity(), OptOutPolicy.withUnknownState(), DetectorLimits.DEFAULT);
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Sampler sampler = new Sampler(heap);
    sampler.start();
    long started = System.nanoTime();
    try (HarStream har = HarStream.open(new GeneratedHar(bytes), "generated.har", HarStream.DEFAULT_LARGE_BODY, spoolDir)) {
      while (har.hasNext()) {
        HarStream.Entry entry = har.next();
        if (entry.largeBody().isPresent()) {
          try (LargeBody body = entry.largeBody().get()) {
            run.add(entry.flow(), body);
          }
        } else {
          run.add(entry.flow());
        }
      }
      har.takeProblems().forEach(p -> System.err.println("problem: " + p));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    sampler.join();
    long poolPeaks = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    AuditResult result = run.result();
    long spoolsLeft;
    try (var files = Files.list(spoolDir)) {
      spoolsLeft = files.filter(p -> p.getFileName().toString().startsWith("phonehome-body-")).count();
    }
    System.out.println(String.format(Locale.ROOT,
        "body-bytes=%d seconds=%.1f max-heap-mb=%.0f pool-peaks-mb=%.1f sampled-peak-mb=%.1f live-after-gc-mb=%.1f"
            + " findings=%d identifiers=%s spools-left=%d",
        bytes, seconds, Runtime.getRuntime().maxMemory() / 1e6, poolPeaks / 1e6, sampler.peak / 1e6,
        sampler.livePeak / 1e6, result.findings().size(),
        String.join(",", result.findings().stream().map(j -> j.finding().identifier()).distinct().toList()),
        spoolsLeft));
  }

  /** Polls heap use: the highest total, and the highest total left after a collection. */
  private static final class Sampler extends Thread {
    private final List<MemoryPoolMXBean> pools;
    private volatile long peak;
    private volatile long livePeak;

    Sampler(List<MemoryPoolMXBean> pools) {
      super("heap-sampler");
      setDaemon(true);
      this.pools = pools;
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        long used = 0;
        long live = 0;
        for (MemoryPoolMXBean p : pools) {
          used += p.getUsage().getUsed();
          MemoryUsage after = p.getCollectionUsage();
          live += after == null ? 0 : after.getUsed();
        }
        peak = Math.max(peak, used);
        livePeak = Math.max(livePeak, live);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * A HAR of one POST entry whose body is {@code size} bytes of base64-looking text with
   * the first IMEI planted three times: near the start, across a 64 KiB boundary, at the end.
   */
  static final class GeneratedHar extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final byte[] pool = new byte[1 << 20];
    private final byte[] imei = BenchIdentity.VALUES.get(0)[1].getBytes(StandardCharsets.US_ASCII);
    private final long size;
    private final long total;
    private final long[] plants;
    private long pos;

    GeneratedHar(long size) {
      this.size = size;
      head = ("{\"log\":{\"version\":\"1.2\",\"entries\":[{\"startedDateTime\":\"2014-08-12T02:15:30Z\","
          + "\"request\":{\"method\":\"POST\",\"url\":\"https://backup.example.com/upload\",\"headers\":["
          + "{\"name\":\"Content-Type\",\"value\":\"application/octet-stream\"}],\"postData\":{\"mimeType\":"
          + "\"text/plain\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
      tail = "\"}},\"response\":{\"status\":200}}]}}\n".getBytes(StandardCharsets.US_ASCII);
      total = head.length + size + tail.length;
      plants = new long[] {1000, (1L << 16) * 3 - 7, size - imei.length};
      Random random = new Random(2);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (int i = 0; i < pool.length; i++) {
        pool[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
      }
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= total) {
        return -1;
      }
      int n = (int) Math.min(len, total - pos);
      long bodyStart = head.length;
      long bodyEnd = head.length + size;
      int i = 0;
      while (i < n) {
        long p = pos + i;
        int step;
        if (p < bodyStart) {
          step = (int) Math.min(n - i, bodyStart - p);
          System.arraycopy(head, (int) p, b, off + i, step);
        } else if (p < bodyEnd) {
          long q = p - bodyStart;
          int inPool = (int) (q & (pool.length - 1));
          step = (int) Math.min(Math.min(n - i, bodyEnd - p), pool.length - inPool);
          System.arraycopy(pool, inPool, b, off + i, step);
          for (long plant : plants) {
            for (int k = 0; k < imei.length; k++) {
              long at = plant + k - q;
              if (at >= 0 && at < step) {
                b[off + i + (int) at] = imei[k];
              }
            }
          }
        } else {
          step = (int) Math.min(n - i, total - p);
          System.arraycopy(tail, (int) (p - bodyEnd), b, off + i, step);
        }
        i += step;
      }
      pos += n;
      return n;
    }
  }
}
