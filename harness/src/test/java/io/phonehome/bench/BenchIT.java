package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

/** The whole benchmark, tiny: a 5 MB HAR, a 50 MB body, 200 requests through each proxy. */
public class BenchIT {
  @Test
  public void a_tiny_run_prints_every_figure_and_loses_no_flow() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Bench.run(new String[] {"--har-mb", "5", "--body-gb", "0.05", "--requests", "200"},
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(code).as(out).isZero();
    String figures = out.substring(out.indexOf("figures:"));
    assertThat(figures).contains("audit ", "grep -c -F -f", "audit / grep", "GB body heap", "plain mitmdump",
        "mitmdump + bridge", "bridge / plain");
    assertThat(figures).containsPattern("harness received (\\d+) of \\1 flows \\(0 lost\\)");
    assertThat(figures).contains("found: imei, spool files left: 0");
    assertThat(figures).containsPattern("(\\d+) of \\1 planted identifiers found");
  }
}
