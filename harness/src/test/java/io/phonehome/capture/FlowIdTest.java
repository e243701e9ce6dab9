package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class FlowIdTest {
  @Test
  public void the_proxy_and_the_packet_capture_number_apart() {
    assertThat(FlowId.of(Channel.PROXY, 3)).isEqualTo(FlowId.of(Channel.TLS_REFUSED, 3))
        .isNotEqualTo(FlowId.of(Channel.DIRECT, 3));
    assertThat(FlowId.of(Channel.DIRECT, 3)).isEqualTo(FlowId.of(Channel.DNS, 3))
        .isEqualTo(FlowId.of(Channel.QUIC, 3));
  }

  @Test
  public void names_the_capture_of_a_packet_capture_flow() {
    assertThat(FlowId.of(Channel.PROXY, 3)).hasToString("flow 3");
    assertThat(FlowId.of(Channel.DNS, 3)).hasToString("pcap flow 3");
  }
}
