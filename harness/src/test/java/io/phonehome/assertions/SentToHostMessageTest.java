package io.phonehome.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Flow;
import io.phonehome.consent.HostGlob;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.util.List;
import org.testng.annotations.Test;

public class SentToHostMessageTest {
  @Test
  public void lists_flows_to_the_host_with_what_they_carried() {
    Flow activation = Verdicts.activation(1);
    Flow pinned = Verdicts.pinned(2);
    CaptureVerdict verdict = Verdicts.of(Verdicts.harmless(0), activation, pinned);

    String message = SentToHostMessage.build(verdict, new HostGlob("*.xiaomi.com"), List.of(activation, pinned));

    assertThat(message).isEqualTo(
        "Expected virtual-leaky to send nothing to *.xiaomi.com, but 2 of 3 flows went there:\n"
            + "  flow 1: POST https://api.account.xiaomi.com/pass/v3/activate | imei | plain"
            + " | body (field imei) | forbidden by secure:cloud_messaging=0, secure:cloud_sync=0:"
            + " after the opt-out nothing carrying an identifier may leave\n"
            + "  flow 1: POST https://api.account.xiaomi.com/pass/v3/activate | phone-number | base64"
            + " | body (field n) | forbidden by secure:cloud_messaging=0, secure:cloud_sync=0:"
            + " after the opt-out nothing carrying an identifier may leave\n"
            + "  flow 2: https://sdk.open.talk.xiaomi.com:443 | unknown | opaque | none"
            + " | consent state secure:cloud_messaging=0, secure:cloud_sync=0:"
            + " content hidden from the lab (tls-refused); cannot tell what it carried\n"
            + "1 flow could not be verified (content hidden: tls-refused or quic, or not read whole past a limit)");
  }

  @Test
  public void a_pcap_finding_is_listed_under_its_pcap_flow_not_under_the_proxy_flow_of_the_same_number() {
    Flow check = Flows.get("https://api.account.xiaomi.com/pass/v3/check").index(3).build();
    Flow direct = Verdicts.direct(3);
    CaptureVerdict verdict = Verdicts.of(check, direct);

    String toXiaomi = SentToHostMessage.build(verdict, new HostGlob("*.xiaomi.com"), List.of(check));
    String toTheAddress = SentToHostMessage.build(verdict, new HostGlob("203.0.113.7"), List.of(direct));

    assertThat(toXiaomi).contains("  flow 3: GET https://api.account.xiaomi.com/pass/v3/check | proxy"
        + " | no identifier found\n").doesNotContain("imei");
    assertThat(toTheAddress).contains("  pcap flow 3: GET http://203.0.113.7/report?imei=" + Identities.IMEI
        + " | imei | plain | url (param imei)").doesNotContain("no identifier found");
  }

  @Test
  public void flow_without_identifiers_says_so() {
    Flow plain = io.phonehome.detect.Flows.get("https://update.miui.com/check?v=5").build();
    CaptureVerdict verdict = Verdicts.of(plain);

    String message = SentToHostMessage.build(verdict, new HostGlob("*.miui.com"), List.of(plain));

    assertThat(message).contains("  flow 0: GET https://update.miui.com/check?v=5 | proxy | no identifier found\n");
  }
}
