package io.phonehome.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.testng.annotations.Test;

public class UrlTest {
  @Test
  public void splits_an_https_url_with_the_default_port() {
    Url u = Url.parse("https://API.account.xiaomi.com/pass/v3/activate?n=Kzg2==");
    assertThat(u).isEqualTo(new Url("https", "api.account.xiaomi.com", 443, "/pass/v3/activate?n=Kzg2=="));
    assertThat(u.authority()).isEqualTo("api.account.xiaomi.com");
    assertThat(u.secure()).isTrue();
  }

  @Test
  public void keeps_a_non_default_port_in_the_authority() {
    Url u = Url.parse("http://push.example.com:5222");
    assertThat(u.port()).isEqualTo(5222);
    assertThat(u.target()).isEqualTo("/");
    assertThat(u).hasToString("http://push.example.com:5222/");
  }

  @Test
  public void keeps_raw_bytes_uri_would_reject_in_the_target() {
    assertThat(Url.parse("http://a.example.com?x={|}").target()).isEqualTo("/?x={|}");
  }

  @Test
  public void escapes_spaces_controls_and_non_ascii_so_the_request_line_stays_whole() {
    assertThat(Url.parse("http://a.example.com/s?b=hi there\r\nX: \u00e9").target())
        .isEqualTo("/s?b=hi%20there%0D%0AX:%20%C3%A9");
  }

  @Test
  public void rejects_what_is_not_http() {
    assertThatThrownBy(() -> Url.parse("ftp://a.example.com/")).hasMessageContaining("not an http(s) URL");
  }
}
