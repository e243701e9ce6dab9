package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.audit.AuditResult;
import io.phonehome.audit.AuditRun;
import io.phonehome.audit.HarAudit;
import io.phonehome.capture.HarStream;
import io.phonehome.consent.OptOutPolicy;
import io.phonehome.detect.DetectorLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.annotations.Test;

public class HarGeneratorTest {
  @Test
  public void writes_the_same_har_for_the_same_size_and_every_planted_identifier_is_found() throws IOException {
    Path dir = Files.createTempDirectory("bench-har");
    try {
      Path first = dir.resolve("a.har");
      Path second = dir.resolve("b.har");
      HarGenerator.Written written = new HarGenerator().write(first, 3);
      new HarGenerator().write(second, 3);

      assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
      assertThat(written.bytes()).isGreaterThanOrEqualTo(3_000_000L);
      assertThat(written.plants()).isGreaterThan(0);

      AuditRun run = new AuditRun(BenchIdentity.identity(), OptOutPolicy.withUnknownState(), DetectorLimits.DEFAULT);
      List<String> problems = new ArrayList<>();
      try (HarStream har = HarStream.open(first)) {
        HarAudit.feed(har, run, problems::add, p -> { });
      }
      AuditResult result = run.result();
      Set<String> found = result.findings().stream().map(j -> j.finding().identifier()).collect(Collectors.toSet());

      assertThat(problems).isEmpty();
      assertThat(result.flows()).isEqualTo(written.entries());
      assertThat(found).containsAll(written.identifiers());
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void every_encoding_it_plants_is_one_the_detector_reports() throws IOException {
    Path dir = Files.createTempDirectory("bench-enc");
    try {
      for (String encoding : HarGenerator.ENCODINGS) {
        String value = BenchIdentity.VALUES.get(0)[1];
        Path har = Files.writeString(dir.resolve(encoding + ".har"), "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\","
            + "\"url\":\"https://x.example.com/?d=" + java.net.URLEncoder.encode(HarGenerator.encode(value, encoding),
                java.nio.charset.StandardCharsets.UTF_8) + "\"}}]}}");
        AuditRun run = new AuditRun(BenchIdentity.identity(), OptOutPolicy.withUnknownState(), DetectorLimits.DEFAULT);
        try (HarStream stream = HarStream.open(har)) {
          HarAudit.feed(stream, run, p -> { }, p -> { });
        }

        assertThat(run.result().findings()).as(encoding).extracting(j -> j.finding().identifier()).contains("imei");
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  public void options_parse_sizes_and_refuse_unknown_ones() {
    BenchOptions o = BenchOptions.parse(new String[] {"--har-mb", "5", "--body-gb", "0.05", "--requests", "200"});

    assertThat(o.harMegabytes()).isEqualTo(5);
    assertThat(o.bodyBytes()).isEqualTo(50_000_000L);
    assertThat(o.requests()).isEqualTo(200);
    assertThat(o.proxies()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast", "1"}))
        .hasMessageStartingWith("unknown option '--fast'");
  }
}
