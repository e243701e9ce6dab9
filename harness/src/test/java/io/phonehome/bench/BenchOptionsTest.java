package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
