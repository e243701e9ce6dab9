package io.phonehome.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.device.AppiumSession;
import io.phonehome.device.ConnectedHandset;
import io.phonehome.device.DeviceException;
import io.phonehome.lifecycle.StartException;
import io.phonehome.lifecycle.Watch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.testng.annotations.Test;

/**
 * The managed Selenium Grid against two real virtual handsets: a hub and a relay node per
 * handset, each a JVM of its own, sessions created through the hub with
 * {@link AppiumSession} as the harness does; each lands on the phone its
 * {@code appium:udid} names, a udid no node serves is refused at once, a phone that goes
 * away turns its node DOWN, and nothing is left running.
 */
public class ManagedGridIT {
  private static final String SERIAL_A = "PHGRIDA0001";
  private static final String SERIAL_B = "PHGRIDB0002";
  private static final int ROUNDS = 5;

  @Test
  public void sessions_through_the_hub_land_on_the_phone_their_udid_names() throws Exception {
    Path lab = Files.createTempDirectory("phonehome-grid").resolve("lab");
    Path firmware = ConnectedHandset.firmwareDir().resolve("clean.yaml");
    List<Long> pids;
    try (ConnectedHandset a = ConnectedHandset.start("grid-a", firmware, Map.of("serial", SERIAL_A), List.of());
         ConnectedHandset b = ConnectedHandset.start("grid-b", firmware, Map.of("serial", SERIAL_B), List.of());
         ManagedGrid grid = new ManagedGrid(GridOptions.in(lab), List.of(
             RelayTarget.of(a.handset.serial(), a.handset.webDriverUrl()),
             RelayTarget.of(b.handset.serial(), b.handset.webDriverUrl())))) {
      grid.start();
      pids = grid.pids();
      say("hub ready in %d ms; 2 nodes registered in %d ms (node 1 %d ms, node 2 %d ms)",
          grid.hub().startTime().orElseThrow().toMillis(), grid.nodesRegisterTime().orElseThrow().toMillis(),
          grid.nodes().get(0).registerTime().orElseThrow().toMillis(),
          grid.nodes().get(1).registerTime().orElseThrow().toMillis());

      assertThat(pids).as("a shell and a JVM each for the hub and two nodes").hasSize(6);
      assertThat(lab.resolve("grid-hub.log")).isNotEmptyFile();
      assertThat(lab.resolve("grid-node-1.log")).isNotEmptyFile();
      assertThat(lab.resolve("grid-node-2.log")).isNotEmptyFile();
      assertThat(lab.resolve("grid-node-2.toml")).content().contains("\"appium:udid\\\":\\\"" + b.handset.serial());
      HubStatus status = grid.hub().status();
      assertThat(status.ready()).isTrue();
      assertThat(status.serves(a.handset.serial())).isTrue();
      assertThat(status.serves(b.handset.serial())).isTrue();

      // B asked for, B reached: its serial through the session is what adb reads of B
      try (AppiumSession session = AppiumSession.open("grid-b", grid.hubUrl(), b.phone)) {
        assertThat(shell(session, "getprop ro.serialno")).isEqualTo(b.phone.getprop("ro.serialno"))
            .isEqualTo(SERIAL_B);
        assertThat(session.driver().getPageSource()).contains("<hierarchy");
        HubStatus busy = grid.hub().status();
        assertThat(busy.node(grid.node(b.handset.serial()).orElseThrow().url()).orElseThrow().busy()).isEqualTo(1);
        assertThat(busy.node(grid.node(a.handset.serial()).orElseThrow().url()).orElseThrow().busy()).isZero();
      }
      try (AppiumSession session = AppiumSession.open("grid-a", grid.hubUrl(), a.phone)) {
        assertThat(shell(session, "getprop ro.serialno")).isEqualTo(a.phone.getprop("ro.serialno"))
            .isEqualTo(SERIAL_A);
      }

      // a udid no node serves: refused by the hub at once, not after the queue's timeout
      String ghost = "127.0.0.1:9";
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> AppiumSession.open("ghost", grid.hubUrl(), ghost).close())
          .isInstanceOf(DeviceException.class)
          .hasMessageContaining("appium:udid " + ghost)
          .hasMessageContaining("No nodes support the capabilities");
      Duration refused = Duration.ofNanos(System.nanoTime() - t0);
      say("unknown udid refused in %d ms (queue timeout %d s)", refused.toMillis(),
          GridOptions.in(lab).sessionRequestTimeout().toSeconds());
      assertThat(refused).isLessThan(Duration.ofSeconds(5));

      say("session open+quit, median of %d: direct %d ms, through the grid %d ms", ROUNDS,
          median(() -> AppiumSession.open("direct", b.handset.webDriverUrl(), b.phone)),
          median(() -> AppiumSession.open("grid", grid.hubUrl(), b.phone)));

      // the phone's endpoint goes away: the hub turns its node DOWN and the node's check says so
      Watch.Check nodeA = grid.checks(a.handset.serial()).get(1);
      Watch.Check hub = grid.checks(a.handset.serial()).get(0);
      assertThat(nodeA.failure()).isEmpty();
      a.handset.stop();
      long t1 = System.nanoTime();
      Optional<String> lost = awaitFailure(nodeA, Duration.ofSeconds(30));
      say("node for a stopped handset reported DOWN after %d ms (health check every %d s)",
          Duration.ofNanos(System.nanoTime() - t1).toMillis(), GridOptions.in(lab).healthcheckInterval().toSeconds());
      assertThat(lost).hasValueSatisfying(m -> assertThat(m).contains("grid node 1 (appium:udid " + a.handset.serial()
          + ")", "as DOWN", a.handset.webDriverUrl() + "/status"));
      assertThatThrownBy(() -> AppiumSession.open("grid-a", grid.hubUrl(), a.handset.serial()).close())
          .isInstanceOf(DeviceException.class).hasMessageContaining("No nodes support");
      assertThat(hub.failure()).isEmpty();

      // a node's JVM killed: its check names the exit
      GridNode nodeB = grid.node(b.handset.serial()).orElseThrow();
      ProcessHandle nodeJvm = ProcessHandle.of(nodeB.pid().orElseThrow()).orElseThrow();
      nodeJvm.destroyForcibly();
      nodeJvm.onExit().get();
      assertThat(awaitFailure(nodeB.check(), Duration.ofSeconds(10)))
          .hasValueSatisfying(m -> assertThat(m).contains("grid node 2", "exited with status"));
    }
    assertGone(pids);
  }

  @Test
  public void a_node_whose_endpoint_does_not_answer_fails_the_start_naming_its_udid() throws Exception {
    Path lab = Files.createTempDirectory("phonehome-grid-dead").resolve("lab");
    URI nothing = URI.create("http://127.0.0.1:" + unusedPort());
    ManagedGrid grid = new ManagedGrid(GridOptions.in(lab).withNodeRegisterTimeout(Duration.ofSeconds(15)),
        List.of(RelayTarget.of("DEAD-UDID-7", nothing)));
    long t0 = System.nanoTime();
    try {
      assertThatThrownBy(grid::start).isInstanceOf(StartException.class)
          .hasMessageStartingWith("grid node 1 (appium:udid DEAD-UDID-7) did not register at the hub")
          .hasMessageContaining("within 15 s: its WebDriver endpoint does not answer GET " + nothing + "/status")
          .hasMessageContaining("(log " + lab.resolve("grid-node-1.log") + ")")
          .hasMessageContaining("Node is not alive");
      say("dead endpoint: start failed after %d ms", Duration.ofNanos(System.nanoTime() - t0).toMillis());
    } finally {
      grid.stop();
    }
    assertThat(lab.resolve("grid-node-1.log")).content().contains("Node is not alive");
    assertGone(grid.pids());
  }

  private static String shell(AppiumSession session, String command) {
    String[] words = command.split(" ");
    Object out = session.driver().executeScript("mobile: shell",
        Map.of("command", words[0], "args", List.of(words).subList(1, words.length)));
    return String.valueOf(out).trim();
  }

  private static long median(Supplier<AppiumSession> open) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      try (AppiumSession s = open.get()) {
        millis.add(Duration.ofNanos(System.nanoTime() - t0).toMillis());
      }
    }
    Collections.sort(millis);
    say("  rounds: %s", millis);
    return millis.get(millis.size() / 2);
  }

  private static Optional<String> awaitFailure(Watch.Check check, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> failure = check.failure();
      if (failure.isPresent()) {
        return failure;
      }
      Thread.sleep(200);
    }
    return Optional.empty();
  }

  private static void assertGone(List<Long> pids) {
    assertThat(pids).isNotEmpty();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d still runs", pid).isEmpty();
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void say(String format, Object... args) {
    System.out.println("[ManagedGridIT] " + String.format(format, args));
  }
}
