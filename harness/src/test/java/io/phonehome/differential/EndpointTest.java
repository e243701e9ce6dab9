package io.phonehome.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class EndpointTest {
  private static Flow flow(Channel channel, String method, String url) {
    return new Flow(0, Instant.EPOCH, channel, method, url, "h.vendor.test", List.of(), new byte[0],
        Optional.empty(), Optional.empty());
  }

  @Test
  public void requests_to_one_path_with_other_parameters_share_an_endpoint() {
    assertThat(Endpoint.of(flow(Channel.PROXY, "GET", "https://h.vendor.test/v1/t?d=00ff")))
        .isEqualTo(Endpoint.of(flow(Channel.PROXY, "GET", "https://h.vendor.test/v1/t?d=00ff00ff#x")));
  }

  @Test
  public void channel_method_and_path_each_make_another_endpoint() {
    Endpoint e = Endpoint.of(flow(Channel.PROXY, "POST", "https://h.vendor.test/v1/t"));
    assertThat(e).isNotEqualTo(Endpoint.of(flow(Channel.DIRECT, "POST", "https://h.vendor.test/v1/t")))
        .isNotEqualTo(Endpoint.of(flow(Channel.PROXY, "GET", "https://h.vendor.test/v1/t")))
        .isNotEqualTo(Endpoint.of(flow(Channel.PROXY, "POST", "https://h.vendor.test/v1/u")));
    assertThat(Endpoint.withoutQuery("https://h.vendor.test/p#frag?x")).isEqualTo("https://h.vendor.test/p");
  }
}
