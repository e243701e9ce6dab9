package io.phonehome.bench;

import io.phonehome.detect.IdentitySet;
import java.util.List;

/** The 20 identifier values the benchmark plants and searches for: a realistic lab identity. */
final class BenchIdentity {
  /** identifier, value: twenty values, several identifiers with more than one. */
  static final List<String[]> VALUES = List.of(
      new String[] {"imei", "861234567890123"},
      new String[] {"imei", "861234567890131"},
      new String[] {"imsi", "466920123456789"},
      new String[] {"iccid", "8988692012345678901"},
      new String[] {"phone-number", "+886912345678"},
      new String[] {"android-id", "9774d56d682e549c"},
      new String[] {"serial", "4df1e9a2c0ffee17"},
      new String[] {"wifi-mac", "ac:f7:f3:12:34:56"},
      new String[] {"bluetooth-mac", "ac:f7:f3:65:43:21"},
      new String[] {"advertising-id", "38400000-8cf0-11bd-b23e-10b96e40000d"},
      new String[] {"email", "owner.lab3@example.org"},
      new String[] {"location", "25.0339,121.5645"},
      new String[] {"contacts", "+886922000111"},
      new String[] {"contacts", "+886933000222"},
      new String[] {"contacts", "+886944000333"},
      new String[] {"contacts", "+886955000444"},
      new String[] {"contacts", "+886966000555"},
      new String[] {"canary", "pH-7f3a9c"},
      new String[] {"canary", "pH-c0ffee42"},
      new String[] {"sms.body", "meet at 7 pH-sms-5150"});

  private BenchIdentity() {}

  static IdentitySet identity() {
    IdentitySet.Builder builder = IdentitySet.builder();
    for (String[] v : VALUES) {
      builder.add(v[0], v[1], "bench");
    }
    return builder.build();
  }
}
