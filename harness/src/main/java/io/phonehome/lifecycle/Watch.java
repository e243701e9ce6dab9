package io.phonehome.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one device was watched the whole time: the one place that decides it. Every
 * part a verdict rests on (the capture proxy, its bridge, the phone's adb link and boot,
 * its packet capture) reports here when it is lost, either as an event (a process that
 * exited) or through a {@link Check} that the watch polls; a verdict asks
 * {@link #verify()} first, and a window with a loss in it is BROKEN, never PASSED.
 *
 * <p>A loss the harness causes itself (the reboot of a scenario, a firmware install) is
 * announced with {@link #expect}: while that is open, losses of the named parts are
 * expected and not counted. A loss stays until the device is provisioned anew.
 *
 * <pre>{@code
 * Watch watch = new Watch("virtual-leaky");
 * watch.add(Check.of(Watch.ADB_LINK, () -> adbOnline() ? Optional.empty() : Optional.of("not in adb devices")));
 * watch.start(Duration.ofSeconds(1));
 * try (Watch.Expected reboot = watch.expect("reboot", Watch.ADB_LINK, Watch.BOOT)) {
 *   phone.reboot();
 * }
 * List<Watch.Loss> lost = watch.verify();
 * }</pre>
 */
public final class Watch implements AutoCloseable {
  /** mitmdump, the capture proxy. */
  public static final String PROXY = "capture proxy";
  /** The bridge from mitmdump to the harness, and its spool. */
  public static final String BRIDGE = "capture bridge";
  /** The phone as the lab's adb server lists it. */
  public static final String ADB_LINK = "adb link";
  /** The phone's boot: a new boot id is an unplanned reboot. */
  public static final String BOOT = "phone boot";
  /** tcpdump on a rooted phone, streamed over adb. */
  public static final String PACKETS = "packet capture";
  /** The phone's route to its capture proxy, proven by a probe after every boot. */
  public static final String ROUTE = "route to the proxy";
  /** A managed Appium server, through which the device's UI sessions go. */
  public static final String APPIUM = "Appium server";
  /** The watch itself: the run was interrupted (Ctrl-C, SIGTERM) before the window closed. */
  public static final String WATCH = "watch";

  private static final Logger LOG = LoggerFactory.getLogger(Watch.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** A part that was lost: which, when, why, and the evidence (the last log lines). */
  public record Loss(String part, Instant at, String cause, List<String> evidence) {
    public Loss {
      Objects.requireNonNull(part, "part");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(cause, "cause");
      evidence = List.copyOf(evidence);
    }

    /** One line: {@code capture proxy lost at 20:14:03: mitmdump exited with status 137}. */
    public String describe() {
      return part + " lost at " + TIME.format(at) + ": " + cause;
    }
  }

  /** A liveness probe the watch polls: empty while the part is alive, else why it is not. */
  public interface Check {
    String part();

    Optional<String> failure();

    /** The evidence to keep when it fails (the last lines of a log); none by default. */
    default List<String> evidence() {
      return List.of();
    }

    static Check of(String part, Supplier<Optional<String>> failure) {
      return of(part, failure, List::of);
    }

    static Check of(String part, Supplier<Optional<String>> failure, Supplier<List<String>> evidence) {
      return new Check() {
        @Override
        public String part() {
          return part;
        }

        @Override
        public Optional<String> failure() {
          return failure.get();
        }

        @Override
        public List<String> evidence() {
          return evidence.get();
        }
      };
    }
  }

  /** An announced loss: closing it ends the time those parts may be lost. */
  public interface Expected extends AutoCloseable {
    @Override
    void close();
  }

  private final String device;
  private final List<Check> checks = new CopyOnWriteArrayList<>();
  private final List<Loss> losses = new ArrayList<>();
  private final Map<String, Integer> expected = new LinkedHashMap<>();
  private final List<Consumer<Loss>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;

  public Watch(String device) {
    this.device = Objects.requireNonNull(device, "device");
  }

  public String device() {
    return device;
  }

  /** Adds a probe, polled from {@link #start} on and at every {@link #verify()}. */
  public void add(Check check) {
    checks.add(Objects.requireNonNull(check, "check"));
  }

  /** Called with every loss as it is counted (for the progress lines). */
  public void onLoss(Consumer<Loss> listener) {
    listeners.add(listener);
  }

  /** Polls the probes every {@code period} on a daemon thread until {@link #close()}. */
  public synchronized void start(Duration period) {
    if (poller != null) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "phonehome-watch-" + device);
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A part was lost, reported by the part itself (a process that exited on its own).
   * Ignored while the part is {@link #expect expected} to be lost, and after its first loss.
   */
  public void lost(String part, String cause, List<String> evidence) {
    Loss loss;
    synchronized (this) {
      if (expected.containsKey(part)) {
        LOG.info("{}: {} down as expected: {}", device, part, cause);
        return;
      }
      if (losses.stream().anyMatch(l -> l.part().equals(part))) {
        return;
      }
      loss = new Loss(part, Instant.now(), cause, evidence);
      losses.add(loss);
      notifyAll();
    }
    LOG.error("{}: {}", device, loss.describe());
    listeners.forEach(l -> l.accept(loss));
  }

  /** Announces that the harness itself takes these parts down for a while (a reboot). */
  public synchronized Expected expect(String reason, String... parts) {
    for (String p : parts) {
      expected.merge(p, 1, Integer::sum);
    }
    LOG.info("{}: {}: expecting {} to go down", device, reason, String.join(", ", parts));
    return new Expected() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (Watch.this) {
          if (closed) {
            return;
          }
          closed = true;
          for (String p : parts) {
            expected.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1);
          }
        }
      }
    };
  }

  /** Polls every probe now and returns every loss since provisioning, oldest first. */
  public List<Loss> verify() {
    poll();
    return losses();
  }

  /**
   * Waits up to {@code timeout} for a loss, returning the first one as soon as there is
   * one: a window is not watched on after the watch was lost.
   */
  public synchronized Optional<Loss> awaitLoss(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (losses.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return Optional.of(losses.get(0));
  }

  /** The losses counted so far, oldest first. */
  public synchronized List<Loss> losses() {
    return List.copyOf(losses);
  }

  private void poll() {
    for (Check c : checks) {
      synchronized (this) {
        if (expected.containsKey(c.part()) || losses.stream().anyMatch(l -> l.part().equals(c.part()))) {
          continue;
        }
      }
      Optional<String> failure;
      try {
        failure = c.failure();
      } catch (RuntimeException e) {
        failure = Optional.of("its check failed: " + e.getMessage());
      }
      if (failure.isPresent()) {
        lost(c.part(), failure.get(), c.evidence());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
