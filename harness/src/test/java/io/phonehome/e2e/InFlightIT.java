package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Uploads still arriving when the window closes, in a real run of the smoke suite on one
 * virtual handset: two uploads start at boot and trickle in far slower than the window
 * lasts. Both are judged with the bytes that arrived, and both stay in the evidence.
 */
public class InFlightIT {
  private static final String PAD = "0".repeat(300);
  /** Two slow uploads at every boot: one leads with the IMEI, one ends with it. */
  private static final String TRICKLE = """
      build:
        display-id: TRICKLE-1.0
        fingerprint: Acme/trickle/trickle:9/PQ1A/1:user/release-keys
      settings:
        secure:acme_stats: 1
      privacy-switches:
        Send statistics: secure:acme_stats
      services:
        - name: leads-with-imei
          on: boot
          method: POST
          url: http://first.trickle.test/up
          route: proxy
          body: "imei={imei}&pad=%1$s"
          upload-rate: 20
        - name: ends-with-imei
          on: boot
          method: POST
          url: http://last.trickle.test/up
          route: proxy
          body: "pad=%1$s&imei={imei}"
          upload-rate: 20
      """.formatted(PAD);

  @Test
  public void uploads_in_flight_at_the_end_of_the_window_are_judged_with_what_arrived() throws Exception {
    WatchFaultIT.Lab lab = WatchFaultIT.lab("in-flight", TRICKLE, 5);
    HarnessProcess.Result r;
    try (HarnessProcess.Running run = lab.start()) {
      r = run.finish(300);
    }

    // the IMEI at the head of the first upload arrived: that alone fails the test
    assertThat(r.exitCode()).as("exit 1: an IMEI arrived before the window closed\n%s", r.output()).isEqualTo(1);
    assertThat(r.output()).contains("FAILED   phone",
        "uploads still in flight at the end of the window, judged with the bytes that arrived");
    JsonNode findings = NightlySuiteIT.validFindings(lab.out().resolve("findings.json"));
    List<JsonNode> first = new ArrayList<>();
    List<JsonNode> last = new ArrayList<>();
    for (JsonNode f : findings.path("findings")) {
      if (f.path("host").asText().equals("first.trickle.test")) {
        first.add(f);
      } else if (f.path("host").asText().equals("last.trickle.test")) {
        last.add(f);
      }
    }
    assertThat(first).as("first upload's findings").extracting(f -> f.path("identifier").asText())
        .contains("imei", "unknown");
    assertThat(first).filteredOn(f -> f.path("identifier").asText().equals("imei"))
        .allSatisfy(f -> assertThat(f.path("verdict").asText()).isEqualTo("unconsented"));
    // the IMEI at the tail of the second never arrived: unverifiable, never clean
    assertThat(last).as("second upload's findings").singleElement().satisfies(f -> {
      assertThat(f.path("verdict").asText()).isEqualTo("unverifiable");
      assertThat(f.path("reason").asText()).contains("upload still in flight when the window closed: ")
          .contains(" of " + ("pad=".length() + PAD.length() + "&imei=".length() + 15) + " bytes arrived");
    });
    String stepHar = Files.readString(lab.out().resolve("devices/phone/since-the-opt-out.har"));
    assertThat(stepHar).contains("last.trickle.test", "\"_incomplete\" : \"upload still in flight");
    lab.assertNothingLeft();
  }
}
