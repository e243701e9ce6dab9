package io.phonehome.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;

/** A managed program's start, readiness, loss and stop, with {@code sh} as the program. */
public class ManagedProcessTest {
  private static ManagedProcess started(Path log, String script) throws Exception {
    ManagedProcess p = new ManagedProcess("the test server", log, "config none");
    p.launch(Program.SH.command("-c", script));
    return p;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  public void it_is_ready_when_the_probe_answers_and_a_kill_shows_as_its_exit() throws Exception {
    Path log = Files.createTempDirectory("managed").resolve("lab/server.log");
    ManagedProcess p = started(log, "echo listening; exec sleep 30");
    try {
      AtomicInteger polls = new AtomicInteger();
      String ready = p.await("answering", Instant.now().plusSeconds(10), () -> "late",
          () -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("up"));
      assertThat(ready).isEqualTo("up");
      assertThat(p.exited()).isEmpty();
      assertThat(p.isAlive()).isTrue();

      long program = p.pid().orElseThrow();
      ProcessHandle.of(program).orElseThrow().destroyForcibly();
      Instant deadline = Instant.now().plusSeconds(10);
      while (p.exited().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(p.exited()).hasValueSatisfying(why ->
          assertThat(why).startsWith("the test server exited with status").contains(log.toString()));
      assertThat(Files.readString(log)).contains("listening");
    } finally {
      p.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  public void a_program_that_exits_before_it_is_ready_fails_with_its_status_and_log() throws Exception {
    Path log = Files.createTempDirectory("managed").resolve("server.log");
    ManagedProcess p = started(log, "echo cannot bind 127.0.0.1:4723; exit 3");
    try {
      assertThatThrownBy(() -> p.await("answering /status", Instant.now().plusSeconds(10), () -> "late",
          Optional::empty))
          .isInstanceOf(StartException.class)
          .hasMessageContaining("the test server exited with status 3 before answering /status")
          .hasMessageContaining("cannot bind 127.0.0.1:4723")
          .satisfies(e -> assertThat(((StartException) e).details()).contains("command: ", "config none"));
    } finally {
      p.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  public void a_program_never_ready_fails_at_the_deadline_and_stop_leaves_nothing_running() throws Exception {
    Path log = Files.createTempDirectory("managed").resolve("server.log");
    ManagedProcess p = started(log, "trap '' TERM; exec sleep 30");
    try {
      assertThatThrownBy(() -> p.await("answering", Instant.now().plusMillis(300),
          () -> "the test server did not answer within 0.3 s", Optional::empty))
          .isInstanceOf(StartException.class)
          .hasMessageStartingWith("the test server did not answer within 0.3 s (log " + log);
      // learn both pids (the guarding shell, the program) before the stop
      Instant deadline = Instant.now().plusSeconds(5);
      while (p.pids().size() < 2 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(p.pids()).hasSize(2);
    } finally {
      p.stop(Duration.ofSeconds(1));
    }
    // a killed program is reaped by init, not by this JVM: give that a moment
    Instant gone = Instant.now().plusSeconds(5);
    while (p.pids().stream().anyMatch(ManagedProcessTest::alive) && Instant.now().isBefore(gone)) {
      Thread.sleep(50);
    }
    assertThat(p.pids()).noneMatch(ManagedProcessTest::alive);
    assertThatThrownBy(() -> p.launch(Program.SH.command("-c", "true")))
        .isInstanceOf(StartException.class).hasMessageContaining("stopped before it started");
  }
}
