package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.testng.annotations.Test;

public class BenchOptionsTest {

  @Test
  public void runs_every_figure_by_default() {
    BenchOptions options = BenchOptions.parse(new String[0]);

    assertThat(options.audit()).isTrue();
    assertThat(options.proxies()).isTrue();
  }

  @Test
  public void proxy_only_skips_the_audit_figures() {
    BenchOptions options = BenchOptions.parse(new String[] {"--proxy-only", "--requests", "600"});

    assertThat(options.audit()).isFalse();
    assertThat(options.proxies()).isTrue();
    assertThat(options.requests()).isEqualTo(600);
  }

  @Test
  public void refuses_no_proxy_with_proxy_only() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--no-proxy", "--proxy-only"}))
        .hasMessage("--no-proxy and --proxy-only leave nothing to run");
  }

  @Test
  public void names_proxy_only_among_the_allowed_options() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast", "1"}))
        .hasMessageContaining("--proxy-only");
  }

  @Test
  public void farm_counts_double_from_one_up_to_the_number_given() {
    assertThat(BenchOptions.parse(new String[] {"--farm", "8"}).farmCounts()).containsExactly(1, 2, 4, 8);
    assertThat(BenchOptions.parse(new String[] {"--farm", "4"}).farmCounts()).containsExactly(1, 2, 4);
    assertThat(BenchOptions.parse(new String[] {"--farm", "6"}).farmCounts()).containsExactly(1, 2, 4, 6);
    assertThat(BenchOptions.parse(new String[0]).farmCounts()).isEmpty();
  }

  @Test
  public void farm_measures_both_paths_by_default_with_a_short_watch() {
    BenchOptions options = BenchOptions.parse(new String[] {"--farm", "8"});

    assertThat(options.farmDirect()).isTrue();
    assertThat(options.farmAppium()).isTrue();
    assertThat(options.farmObserve()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  public void via_and_observe_choose_the_path_and_the_watch() {
    BenchOptions options = BenchOptions.parse(new String[] {"--farm", "2", "--via", "direct", "--observe", "3s"});

    assertThat(options.farmDirect()).isTrue();
    assertThat(options.farmAppium()).isFalse();
    assertThat(options.farmObserve()).isEqualTo(Duration.ofSeconds(3));
    assertThat(BenchOptions.parse(new String[] {"--farm", "2", "--via", "appium"}).farmDirect()).isFalse();
  }

  @Test
  public void refuses_farm_options_that_make_no_sense() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--farm", "0"}))
        .hasMessage("--farm takes 1 to 32 handsets");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--farm", "2", "--via", "grid"}))
        .hasMessage("--via takes direct, appium or both, not 'grid'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--farm", "2", "--observe", "ten"}))
        .hasMessageContaining("--observe takes a duration");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--via", "direct"}))
        .hasMessage("--via goes with --farm N");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--farm", "2", "--har-mb", "5"}))
        .hasMessage("--farm measures virtual handsets only: --har-mb does not go with it");
  }
}
