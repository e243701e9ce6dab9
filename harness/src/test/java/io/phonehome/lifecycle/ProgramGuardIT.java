package io.phonehome.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

/** {@link Program#tiedToHarness}: a helper outlives neither its harness nor a SIGTERM. */
public class ProgramGuardIT {
  @Test
  public void the_program_ends_when_the_process_that_started_it_is_killed() throws Exception {
    // a stand-in harness: a shell that starts the guarded program, prints its pid, and waits
    List<String> guarded = Program.tiedToHarness(Program.SH.command("-c", "sleep 60; exit 0")).command();
    List<String> outer = new ArrayList<>(List.of("-c", "\"$@\" & echo $!; wait", "harness"));
    outer.addAll(guarded);
    Process harness = Program.SH.command(outer.toArray(String[]::new)).start();
    try {
      // stdout stays open while the guarded program lives: read the one line, not to the end
      String pidLine = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      long guardPid = Long.parseLong(pidLine.trim());
      ProcessHandle guard = ProcessHandle.of(guardPid).orElseThrow();
      ProcessHandle program = awaitChild(guard);

      harness.toHandle().destroyForcibly();

      assertThat(program.onExit().get(5, TimeUnit.SECONDS).isAlive()).as("the guarded program").isFalse();
      assertThat(guard.onExit().get(5, TimeUnit.SECONDS).isAlive()).as("the guard").isFalse();
    } finally {
      harness.descendants().forEach(ProcessHandle::destroyForcibly);
      harness.destroyForcibly();
    }
  }

  @Test
  public void sigterm_reaches_the_program_and_its_status_is_the_guards() throws Exception {
    Process p = Program.tiedToHarness(Program.SH.command("-c", "trap 'exit 7' TERM; sleep 60 & wait")).start();
    try {
      ProcessHandle program = awaitChild(p.toHandle());

      p.destroy();

      assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(7);
      assertThat(program.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  public void a_program_that_ends_by_itself_ends_the_guard_with_its_status() throws Exception {
    Process p = Program.tiedToHarness(Program.SH.command("-c", "exit 3")).start();

    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
  }

  private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      // the guard polls with its own short sleep; the programs here are shells
      Optional<ProcessHandle> child = parent.children()
          .filter(c -> !c.info().command().orElse("").endsWith("sleep")).findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no child of " + parent.pid());
  }
}
