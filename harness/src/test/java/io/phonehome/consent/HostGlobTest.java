package io.phonehome.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.testng.annotations.Test;

public class HostGlobTest {
  @Test
  public void star_matches_any_subdomain_depth() {
    assertThat(new HostGlob("*.xiaomi.com").matches("api.account.xiaomi.com")).isTrue();
  }

  @Test
  public void star_dot_does_not_match_the_bare_domain() {
    assertThat(new HostGlob("*.xiaomi.com").matches("xiaomi.com")).isFalse();
  }

  @Test
  public void dots_are_literal() {
    assertThat(new HostGlob("api.xiaomi.com").matches("apixxiaomi.com")).isFalse();
  }

  @Test
  public void case_and_port_are_ignored() {
    assertThat(new HostGlob("*.Xiaomi.com").matches("SDK.xiaomi.COM:443")).isTrue();
  }

  @Test
  public void question_mark_matches_one_character() {
    assertThat(new HostGlob("api?.mi.com").matches("api2.mi.com")).isTrue();
    assertThat(new HostGlob("api?.mi.com").matches("api.mi.com")).isFalse();
  }

  @Test
  public void blank_glob_is_rejected() {
    assertThatThrownBy(() -> new HostGlob(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
