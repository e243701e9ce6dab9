package io.phonehome.farm;

import io.phonehome.lifecycle.Interruption;
import io.phonehome.lifecycle.LogTail;
import io.phonehome.lifecycle.Processes;
import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * One JVM of the managed grid ({@code org.openqa.selenium.grid.Main hub|node --config F}),
 * its output in a log, tied to the harness: it ends when the harness's JVM is gone,
 * however that ended, and at the harness's exit if nobody stopped it.
 */
final class GridProcess {
  /** A readiness probe: empty while not ready yet; throws to say it never will be. */
  interface Probe<T> {
    Optional<T> poll() throws StartException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(GridProcess.class);
  private static final int LOG_TAIL_LINES = 15;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final String what;
  private final String role;
  private final String heap;
  private final Path config;
  private final Path log;
  private volatile List<String> command = List.of();
  private volatile Process process;
  private volatile ProcessHandle jvm;
  private volatile Interruption.Registration exitCleanup;
  private volatile boolean stopped;

  /**
   * @param what how messages name it: {@code grid hub}, {@code grid node 2 (appium:udid X)}
   * @param role {@code hub} or {@code node}
   */
  GridProcess(String what, String role, String heap, Path config, Path log) {
    this.what = what;
    this.role = role;
    this.heap = heap;
    this.config = config;
    this.log = log;
  }

  /** Writes the configuration and starts the JVM; does not wait for it. */
  synchronized void launch(String toml) throws StartException {
    if (stopped) {
      throw new StartException(what + " was stopped before it started");
    }
    Path lib = GridClasspath.locate();
    try {
      Files.createDirectories(config.getParent());
      Files.writeString(config, toml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StartException("cannot write the " + what + " configuration " + config + ": " + e.getMessage(), "", e);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder own = Program.JAVA.command(java, List.of("-Xmx" + heap, "-Djava.awt.headless=true",
            "-cp", GridClasspath.classpath(lib), GridClasspath.MAIN, role, "--config", config.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
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
  <T> T await(String awaited, Instant deadline, Supplier<String> late, Probe<T> probe) throws StartException {
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
  StartException failure(String message, Throwable cause) {
    List<String> tail = LogTail.of(log, LOG_TAIL_LINES);
    String details = "command: " + String.join(" ", command) + "\nconfig " + config + "\nlog " + log + ":\n"
        + String.join("\n", tail);
    String last = String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
    return new StartException(message + " (log " + log + "): " + (last.isEmpty() ? "(log is empty)" : last),
        details, cause);
  }

  /** Empty while the JVM runs, else why not. */
  Optional<String> exited() {
    Process p = process;
    if (p == null) {
      return Optional.of(what + " is not running");
    }
    return p.isAlive() ? Optional.empty()
        : Optional.of(what + " exited with status " + p.exitValue() + " (log " + log + ")");
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** The grid JVM's own pid (the guarding shell's child), else the shell's while it has none. */
  Optional<Long> pid() {
    return jvm().map(ProcessHandle::pid).or(() -> Optional.ofNullable(process).map(Process::pid));
  }

  /** The pids of the guarding shell and of the grid JVM, as far as known: what must be gone at the end. */
  List<Long> pids() {
    Process p = process;
    if (p == null) {
      return List.of();
    }
    return jvm().map(j -> List.of(p.pid(), j.pid())).orElse(List.of(p.pid()));
  }

  private Optional<ProcessHandle> jvm() {
    ProcessHandle known = jvm;
    if (known != null) {
      return Optional.of(known);
    }
    Process p = process;
    if (p == null) {
      return Optional.empty();
    }
    Optional<ProcessHandle> child = p.toHandle().children().findFirst();
    child.ifPresent(c -> jvm = c);
    return child;
  }

  /** Ends the JVM: SIGTERM, then a kill after {@link #GRACE}. Safe to call twice. */
  void stop() {
    synchronized (this) {
      stopped = true;
    }
    jvm(); // learn the JVM's pid before its shell is gone
    terminate(GRACE);
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
    ProcessHandle j = jvm;
    if (j != null && j.isAlive()) {
      j.destroyForcibly();
      try {
        j.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("{}: the grid JVM (pid {}) did not end: {}", what, j.pid(), e.toString());
      }
    }
  }

  Path log() {
    return log;
  }

  Path config() {
    return config;
  }
}
