package io.phonehome.assertions;

import io.phonehome.audit.Audit;
import io.phonehome.capture.Flow;
import io.phonehome.consent.ConsentState;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.Flows;
import io.phonehome.detect.Identities;
import java.util.List;
import java.util.Map;

/** Capture verdicts for the assertion tests. */
final class Verdicts {
  static final OptOutPolicy OPTED_OUT = new OptOutPolicy(ConsentState.of(Map.of(
      "secure:cloud_sync", "0", "secure:cloud_messaging", "0")));

  private Verdicts() {}

  static CaptureVerdict of(Flow... flows) {
    List<Flow> all = List.of(flows);
    return CaptureVerdict.of("virtual-leaky", all, Audit.run(all, Identities.lab(), OPTED_OUT));
  }

  static Flow activation(int index) {
    return Flows.postForm("https://api.account.xiaomi.com/pass/v3/activate",
        "imei=" + Identities.IMEI + "&n=" + Flows.base64(Identities.PHONE)).index(index).build();
  }

  static Flow harmless(int index) {
    return Flows.get("https://www.example.com/index.html").index(index).build();
  }

  /** An IMEI sent in plain HTTP around the proxy: seen only in the packet capture, numbered there. */
  static Flow direct(int index) {
    return Flows.get("http://203.0.113.7/report?imei=" + Identities.IMEI).index(index)
        .channel(io.phonehome.capture.Channel.DIRECT).build();
  }

  static Flow pinned(int index) {
    return Flows.tlsRefused(index, "sdk.open.talk.xiaomi.com");
  }
}
