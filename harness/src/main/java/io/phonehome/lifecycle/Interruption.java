package io.phonehome.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a run is stopped by Ctrl-C, SIGTERM or SIGHUP: the run is told
 * (the tests under way end BROKEN "interrupted", those not begun do not start), it is
 * given a grace period to restore the phones and write findings.json, the report and the
 * summary, and the JVM then ends with the run's own exit code. Whatever registered
 * {@link #atExit} (the lab's clean-up) runs on every way out.
 *
 * <p>Java turns those signals into its shutdown; this class owns the one shutdown hook,
 * so that the clean-up does not race the run that is still writing its results.
 *
 * <pre>{@code
 * Interruption.forRun(Duration.ofSeconds(90), System.err::println);
 * Interruption.onInterrupt(() -> lab.markInterrupted());
 * int code = runTheSuite();
 * Interruption.finished(code);   // then System.exit(code)
 * }</pre>
 */
public final class Interruption {
  private static final Logger LOG = LoggerFactory.getLogger(Interruption.class);
  private static final List<Runnable> ON_INTERRUPT = new CopyOnWriteArrayList<>();
  private static final List<Runnable> AT_EXIT = new CopyOnWriteArrayList<>();

  private static volatile Instant interruptedAt;
  private static volatile Integer exitCode;
  private static volatile CountDownLatch done;
  private static volatile Duration grace;
  private static volatile Consumer<String> say = LOG::warn;
  private static boolean hooked;

  private Interruption() {}

  /**
   * This JVM is a run: from now on a signal interrupts it instead of ending it at once.
   * {@code progress} gets the lines a person at the terminal should see.
   */
  public static synchronized void forRun(Duration gracePeriod, Consumer<String> progress) {
    grace = gracePeriod;
    say = progress;
    done = new CountDownLatch(1);
    exitCode = null;
    hook();
  }

  /**
   * Called once when a run is interrupted (on the shutdown thread; keep it short). Closing
   * what it returns takes it back (a run that ended needs no telling).
   */
  public static Registration onInterrupt(Runnable listener) {
    ON_INTERRUPT.add(listener);
    return () -> ON_INTERRUPT.remove(listener);
  }

  /**
   * Runs when the JVM ends, whichever way; after the run's own ending when there is one.
   * Closing what it returns takes it back (a part stopped in time needs no clean-up).
   */
  public static synchronized Registration atExit(Runnable cleanup) {
    AT_EXIT.add(cleanup);
    hook();
    return () -> AT_EXIT.remove(cleanup);
  }

  /** A clean-up registered with {@link #atExit}; closing it takes it back. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** When the run was interrupted, if it was. */
  public static Optional<Instant> interruptedAt() {
    return Optional.ofNullable(interruptedAt);
  }

  public static boolean interrupted() {
    return interruptedAt != null;
  }

  /** The run has written its results; an interrupted JVM ends with this code. */
  public static void finished(int code) {
    exitCode = code;
    CountDownLatch d = done;
    if (d != null) {
      d.countDown();
    }
  }

  private static void hook() {
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(Interruption::shutdown, "phonehome-shutdown"));
    }
  }

  private static void shutdown() {
    CountDownLatch d = done;
    boolean signalled = d != null && d.getCount() > 0;
    if (signalled) {
      interruptedAt = Instant.now();
      say.accept("interrupted: ending the tests under way, restoring the phones, writing findings and report"
          + " (up to " + grace.toSeconds() + " s; kill -9 to stop at once)");
      for (Runnable r : ON_INTERRUPT) {
        runQuietly(r);
      }
      try {
        if (!d.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          say.accept("interrupted: the run did not finish within " + grace.toSeconds()
              + " s; restoring what is left and stopping");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Runnable r : AT_EXIT) {
      runQuietly(r);
    }
    if (signalled) {
      Integer code = exitCode;
      // a signal's own status (130, 143) would say nothing of the verdict: exit as the run decided
      Runtime.getRuntime().halt(code == null ? 2 : code);
    }
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("at shutdown: {}", e.toString());
    }
  }
}
