package io.phonehome.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.testng.annotations.Test;

public class WatchTest {
  @Test
  public void a_failing_check_is_a_loss_with_part_cause_and_evidence() {
    Watch watch = new Watch("phone");
    AtomicReference<Optional<String>> proxy = new AtomicReference<>(Optional.empty());
    watch.add(Watch.Check.of(Watch.PROXY, proxy::get, () -> List.of("Traceback", "MemoryError")));

    assertThat(watch.verify()).isEmpty();
    proxy.set(Optional.of("mitmdump exited with status 137"));
    List<Watch.Loss> lost = watch.verify();

    assertThat(lost).singleElement().satisfies(l -> {
      assertThat(l.part()).isEqualTo(Watch.PROXY);
      assertThat(l.cause()).isEqualTo("mitmdump exited with status 137");
      assertThat(l.evidence()).containsExactly("Traceback", "MemoryError");
      assertThat(l.describe()).matches("capture proxy lost at \\d\\d:\\d\\d:\\d\\d: mitmdump exited with status 137");
    });
  }

  @Test
  public void a_part_is_lost_once_and_stays_lost_when_it_comes_back() {
    Watch watch = new Watch("phone");
    AtomicReference<Optional<String>> adb = new AtomicReference<>(Optional.of("offline"));
    watch.add(Watch.Check.of(Watch.ADB_LINK, adb::get));
    List<Watch.Loss> told = new ArrayList<>();
    watch.onLoss(told::add);

    watch.verify();
    adb.set(Optional.empty());
    watch.verify();
    watch.lost(Watch.ADB_LINK, "offline again", List.of());

    assertThat(watch.losses()).extracting(Watch.Loss::cause).containsExactly("offline");
    assertThat(told).hasSize(1);
  }

  @Test
  public void an_expected_loss_does_not_count_and_the_expectation_ends_when_closed() {
    Watch watch = new Watch("phone");
    AtomicReference<Optional<String>> boot = new AtomicReference<>(Optional.of("rebooting"));
    watch.add(Watch.Check.of(Watch.BOOT, boot::get));

    try (Watch.Expected reboot = watch.expect("reboot", Watch.BOOT, Watch.PACKETS)) {
      watch.lost(Watch.PACKETS, "stream ended", List.of());
      assertThat(watch.verify()).isEmpty();
    }
    watch.lost(Watch.PROXY, "mitmdump exited", List.of());
    List<Watch.Loss> lost = watch.verify();

    assertThat(lost).extracting(Watch.Loss::part).containsExactly(Watch.PROXY, Watch.BOOT);
  }

  @Test
  public void nested_expectations_of_one_part_end_with_the_last() {
    Watch watch = new Watch("phone");
    Watch.Expected outer = watch.expect("firmware install", Watch.ADB_LINK);
    try (Watch.Expected inner = watch.expect("reboot", Watch.ADB_LINK)) {
      watch.lost(Watch.ADB_LINK, "down", List.of());
    }
    watch.lost(Watch.ADB_LINK, "still down", List.of());
    outer.close();
    outer.close();
    watch.lost(Watch.ADB_LINK, "gone", List.of());

    assertThat(watch.losses()).extracting(Watch.Loss::cause).containsExactly("gone");
  }

  @Test
  public void a_check_that_throws_is_a_loss_not_a_crash_of_the_watch() {
    Watch watch = new Watch("phone");
    watch.add(Watch.Check.of(Watch.BOOT, () -> {
      throw new IllegalStateException("adb shell refused");
    }));

    assertThat(watch.verify()).extracting(Watch.Loss::cause).containsExactly("its check failed: adb shell refused");
  }

  @Test
  public void awaiting_a_loss_returns_as_soon_as_a_part_is_lost_and_times_out_without_one() throws Exception {
    Watch watch = new Watch("phone");
    assertThat(watch.awaitLoss(Duration.ofMillis(50))).isEmpty();

    Thread reporter = new Thread(() -> watch.lost(Watch.WATCH, "the run was interrupted", List.of()));
    long start = System.nanoTime();
    reporter.start();
    Optional<Watch.Loss> lost = watch.awaitLoss(Duration.ofMinutes(1));

    assertThat(lost).map(Watch.Loss::part).contains(Watch.WATCH);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    reporter.join();
  }
}
