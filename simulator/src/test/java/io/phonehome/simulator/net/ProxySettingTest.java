package io.phonehome.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class ProxySettingTest {
  @DataProvider
  public Object[][] noProxy() {
    return new Object[][] {{null}, {""}, {"null"}, {":0"}, {"127.0.0.1:0"}, {"127.0.0.1"}, {":8080"}, {"host:99999"}};
  }

  @Test(dataProvider = "noProxy")
  public void reads_unset_and_cleared_values_as_no_proxy(String value) {
    assertThat(ProxySetting.parse(value)).isEmpty();
  }

  @Test
  public void reads_host_and_port() throws Exception {
    ProxySetting p = ProxySetting.parse("127.0.0.1:8080").orElseThrow();
    assertThat(p).isEqualTo(new ProxySetting("127.0.0.1", 8080));
    assertThat(p.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(p.address().getPort()).isEqualTo(8080);
  }

  @Test
  public void refuses_a_proxy_beyond_loopback() {
    assertThatThrownBy(() -> new ProxySetting("10.0.0.2", 8080).address())
        .isInstanceOf(UploadFailure.class).hasMessageContaining("not on loopback");
  }

  @Test
  public void refuses_a_proxy_name_that_would_need_dns() {
    assertThatThrownBy(() -> new ProxySetting("proxy.lab", 8080).address())
        .isInstanceOf(UploadFailure.class).hasMessageContaining("resolves no DNS");
  }
}
