package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Channel;
import org.testng.annotations.Test;

public class HiddenChannelTest {
  private final Detector detector = new Detector(Identities.lab());

  @Test
  public void tls_refused_flow_is_one_opaque_finding_with_unknown_identifier() {
    FlowScan scan = detector.scan(Flows.tlsRefused(4, "sdk.open.talk.xiaomi.com"));

    assertThat(scan.findings()).singleElement().satisfies(f -> {
      assertThat(f.flow()).isEqualTo(4);
      assertThat(f.host()).isEqualTo("sdk.open.talk.xiaomi.com");
      assertThat(f.channel()).isEqualTo(Channel.TLS_REFUSED);
      assertThat(f.identifier()).isEqualTo("unknown");
      assertThat(f.encoding()).isEqualTo("opaque");
      assertThat(f.location()).isEqualTo(Location.NONE);
      assertThat(f.detail()).contains("TLS refused");
    });
  }

  @Test
  public void direct_flow_content_is_searched() {
    FlowScan scan = detector.scan(Flows.get("http://203.0.113.9/r?i=" + Identities.IMEI)
        .channel(Channel.DIRECT).build());

    assertThat(scan.findings()).singleElement().satisfies(f -> {
      assertThat(f.channel()).isEqualTo(Channel.DIRECT);
      assertThat(f.identifier()).isEqualTo("imei");
    });
  }
}
