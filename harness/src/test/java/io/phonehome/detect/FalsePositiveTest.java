package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.testng.annotations.Test;

public class FalsePositiveTest {
  private final Detector detector = new Detector(Identities.lab());

  @Test
  public void digests_and_blobs_of_other_data_are_not_findings() {
    Random random = new Random(7);
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < 200; i++) {
      byte[] blob = new byte[random.nextInt(200) + 16];
      random.nextBytes(blob);
      body.append("\"b").append(i).append("\":\"").append(Flows.base64(blob)).append("\",");
      body.append("\"h").append(i).append("\":\"").append(Digests.sha256("other-" + i)).append("\",");
      body.append("\"z").append(i).append("\":\"").append(Flows.base64(Flows.gzip("ts=" + i))).append("\",");
    }
    body.append("\"end\":1}");

    FlowScan scan = detector.scan(Flows.post("https://api.example.com/u", body.toString())
        .header("X-Request-Id", Digests.md5("req")).build());

    assertThat(scan.findings()).isEmpty();
  }

  @Test
  public void value_shared_by_two_identifiers_is_reported_for_both() {
    Detector shared = new Detector(IdentitySet.builder()
        .add("serial", "4df1e9a2c0ffee", "phone")
        .add("android-id", "4df1e9a2c0ffee", "phone")
        .build());

    FlowScan scan = shared.scan(Flows.post("https://a.example.com/", "id=4df1e9a2c0ffee").build());

    assertThat(scan.findings()).extracting(Finding::identifier, Finding::encoding)
        .containsExactlyInAnyOrder(tuple("serial", "plain"), tuple("android-id", "plain"));
  }

  @Test
  public void same_identifier_in_two_places_is_two_findings() {
    FlowScan scan = detector.scan(Flows.post("https://a.example.com/r?i=" + Identities.IMEI,
        ("{\"imei\":\"" + Identities.IMEI + "\"}").getBytes(StandardCharsets.UTF_8)).build());

    assertThat(scan.findings()).extracting(Finding::location, Finding::detail)
        .containsExactly(tuple(Location.URL, "param i"), tuple(Location.BODY, "json $.imei"));
  }
}
