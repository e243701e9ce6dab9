package io.phonehome.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program the lab starts and owns for the length of a run (a grid hub or node, the
 * Appium server): its output in a log, tied to the harness ({@link
 * Program#tiedToHarness}: it ends when the harness's JVM is gone, however that ended, and
 * at the harness's exit if nobody stopped it), awaited until a readiness probe answers
 * while its exit is watched, and stopped with SIGTERM, then a kill. A failure names the
 * log and its last lines.
 *
 * <pre>{@code
 * ManagedProcess server = new ManagedProcess("the Appium server", log, "");
 * server.launch(builder);
 * server.await("answering /status", deadline, () -> "no answer in 60 s", () -> ready());
 * watch.add(Watch.Check.of(Watch.APPIUM, server::exited, () -> LogTail.of(log, 15)));
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 */
public final class ManagedProcess {
  /** A readiness probe: empty while not ready yet; throws to say it never will be. */
  public interface Probe<T> {
    Optional<T> poll() throws StartException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final int LOG_TAIL_LINES = 15;
  private static final Duration POLL = Duration.ofMillis(100);

  private final String what;
  private final Path log;
  private final String detail;
  private volatile List<String> command = List.of();
  private volatile Process process;
  /** The program itself, the child of the shell that ties it to the harness. */
  private volatile ProcessHandle program;
  private volatile Interruption.Registration exitCleanup;
  private volatile boolean stopped;

  /**
   * @param what how messages name it: {@code grid hub}, {@code the Appium server}
   * @param log where its output goes
   * @param detail a line more for a failure's details ({@code config F}), or empty
   */
  public ManagedProcess(String what, Path log, String detail) {
    this.what = what;
    this.log = log;
    this.detail = detail;
  }

  /** Starts {@code own} with its output in the log; does not wait for it. */
  public synchronized void launch(ProcessBuilder own) throws StartException {
    if (stopped) {
      throw new StartException(what + " was stopped before it started");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StartException("cannot create the folder of " + log + ": " + e.getMessage(), "", e);
    }
    own.redirectErrorStream(true).redirectOutput(log.toFile());
    command = own.command();
    exitCleanup = Interruption.atExit(() -> terminate(Duration.ofSeconds(2)));
    try {
      process = Program.tiedToHarness(own).start();
    } catch (IOException e) {
      throw new StartException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), "", e);
    }
    LOG.info("{}: started (pid {}), log {}", what, process.pid(), log);
  }

  /**
   * Polls {@code probe} until it answers, racing the process's exit and {@code deadline}.
   * {@code awaited} says what was awaited ("registering at the hub"), for the message when
   * the process exits first; {@code late} gives the message when the deadline passes.
   */
  public <T> T await(String awaited, Instant deadline, Supplier<String> late, Probe<T> probe) throws StartException {
    Process p = process;
    if (p == null) {
      throw new StartException(what + " is not running");
    }
    while (true) {
      if (!p.isAlive()) {
        throw failure(what + " exited with status " + p.exitValue() + " before " + awaited, null);
      }
      Optional<T> ready = probe.poll();
      if (ready.isPresent()) {
        return ready.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw failure(late.get(), null);
      }
      try {
        p.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still running: poll again
      } catch (ExecutionException e) {
        throw failure("cannot watch " + what + ": " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while " + what + " was " + awaited, e);
      }
    }
  }

  /** A failure naming the log and its last lines; the details hold the command too. */
  public StartException failure(String message, Throwable cause) {
    List<String> tail = LogTail.of(log, LOG_TAIL_LINES);
    String details = "command: " + String.join(" ", command) + (detail.isEmpty() ? "" : "\n" + detail)
        + "\nlog " + log + ":\n" + String.join("\n", tail);
    String last = String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
    return new StartException(message + " (log " + log + "): " + (last.isEmpty() ? "(log is empty)" : last),
        details, cause);
  }

  /** Empty while it runs, else why not. */
  public Optional<String> exited() {
    Process p = process;
    if (p == null) {
      return Optional.of(what + " is not running");
    }
    return p.isAlive() ? Optional.empty()
        : Optional.of(what + " exited with status " + p.exitValue() + " (log " + log + ")");
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** The program's own pid (the guarding shell's child), else the shell's while it has none. */
  public Optional<Long> pid() {
    return own().map(ProcessHandle::pid).or(() -> Optional.ofNullable(process).map(Process::pid));
  }

  /** The pids of the guarding shell and of the program, as far as known: what must be gone at the end. */
  public List<Long> pids() {
    Process p = process;
    if (p == null) {
      return List.of();
    }
    return own().map(j -> List.of(p.pid(), j.pid())).orElse(List.of(p.pid()));
  }

  private Optional<ProcessHandle> own() {
    ProcessHandle known = program;
    if (known != null) {
      return Optional.of(known);
    }
    Process p = process;
    if (p == null) {
      return Optional.empty();
    }
    Optional<ProcessHandle> child = p.toHandle().children().findFirst();
    child.ifPresent(c -> program = c);
    return child;
  }

  /** Ends it: SIGTERM, then a kill after {@code grace}. Safe to call twice. */
  public void stop(Duration grace) {
    synchronized (this) {
      stopped = true;
    }
    own(); // learn the program's pid before its shell is gone
    terminate(grace);
    Interruption.Registration cleanup = exitCleanup;
    if (cleanup != null) {
      cleanup.close();
    }
  }

  private void terminate(Duration grace) {
    Process p = process;
    if (p != null && p.isAlive() && Processes.terminate(p, grace)) {
      LOG.warn("{}: ignored SIGTERM for {} s; killed it", what, grace.toSeconds());
    }
    ProcessHandle j = program;
    if (j != null && j.isAlive()) {
      j.destroyForcibly();
      try {
        j.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("{}: pid {} did not end: {}", what, j.pid(), e.toString());
      }
    }
  }

  public Path log() {
    return log;
  }
}
