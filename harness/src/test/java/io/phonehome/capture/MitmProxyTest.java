package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.lifecycle.StartException;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class MitmProxyTest {

  @Test
  public void says_how_to_install_mitmdump_when_it_is_not_on_the_path() {
    assertThatThrownBy(() -> MitmProxy.locateMitmdump("/nonexistent:/also-not-there"))
        .isInstanceOf(StartException.class)
        .hasMessage("mitmdump not found: install it with: apt-get install mitmproxy");
  }

  @Test
  public void keeps_the_lab_ca_in_the_lab_mitmproxy_directory() {
    assertThat(MitmProxy.caCertificate(Path.of("/lab")))
        .isEqualTo(Path.of("/lab/mitmproxy/mitmproxy-ca-cert.pem"));
  }

  @Test
  public void ships_the_bridge_addon_as_a_resource() {
    assertThat(MitmProxy.class.getResource(MitmProxy.BRIDGE_RESOURCE)).isNotNull();
  }

  @Test
  public void stop_before_start_is_harmless_and_idempotent() {
    MitmProxy proxy = new MitmProxy(MitmProxyOptions.of("idle", Path.of("/lab"),
        Path.of("/evidence"), CaptureMode.SINKHOLE));

    proxy.stop();
    proxy.stop();

    assertThat(proxy.pid()).isEmpty();
  }

  @Test
  public void names_both_modes_when_the_mode_is_unknown() {
    assertThatThrownBy(() -> CaptureMode.fromWireName("bogus"))
        .hasMessage("unknown capture mode \"bogus\": use sinkhole or passthrough");
  }
}
