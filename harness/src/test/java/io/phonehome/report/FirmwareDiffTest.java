package io.phonehome.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.phonehome.report.FirmwareDiff.Leak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.Test;

public class FirmwareDiffTest {
  private static final Leak IMEI_ACCOUNT = new Leak("imei", "api.vendor.test", "proxy");
  private static final Leak MAC_STATS = new Leak("wifi-mac", "stats.vendor.test", "proxy");
  private static final Leak IMEI_PUSH = new Leak("imei", "198.51.100.7", "direct");

  private static Map<String, Set<Leak>> threeBuilds() {
    Map<String, Set<Leak>> builds = new LinkedHashMap<>();
    builds.put("b1", Set.of(IMEI_ACCOUNT, MAC_STATS));
    builds.put("b2", Set.of(IMEI_ACCOUNT, IMEI_PUSH));
    builds.put("b3", Set.of(IMEI_PUSH));
    return builds;
  }

  @Test
  public void consecutive_builds_are_compared_leak_by_leak() {
    FirmwareDiff diff = FirmwareDiff.compare("phone-a", threeBuilds());

    assertThat(diff.builds()).containsExactly("b1", "b2", "b3");
    assertThat(diff.changes()).containsExactlyInAnyOrder(
        new FirmwareDiff.Change("b1", "b2", "imei", "api.vendor.test", "proxy", "persisting"),
        new FirmwareDiff.Change("b1", "b2", "wifi-mac", "stats.vendor.test", "proxy", "fixed"),
        new FirmwareDiff.Change("b1", "b2", "imei", "198.51.100.7", "direct", "new"),
        new FirmwareDiff.Change("b2", "b3", "imei", "api.vendor.test", "proxy", "fixed"),
        new FirmwareDiff.Change("b2", "b3", "imei", "198.51.100.7", "direct", "persisting"));
    assertThat(diff.counts()).containsEntry("fixed", 2).containsEntry("persisting", 2).containsEntry("new", 1);
  }

  @Test
  public void matrix_marks_which_build_has_each_leak() {
    assertThat(FirmwareDiff.matrix(threeBuilds()))
        .contains("imei 198.51.100.7 direct", "wifi-mac stats.vendor.test proxy")
        .containsPattern("wifi-mac stats\\.vendor\\.test proxy\\s+\\| x\\s+\\| -\\s+\\| -");
  }

  @Test
  public void html_matrix_escapes_and_marks_leaks() {
    Map<String, Set<Leak>> builds = new LinkedHashMap<>();
    builds.put("a<1>", Set.of(MAC_STATS));
    builds.put("b", Set.of());
    assertThat(FirmwareDiff.matrixHtml(builds))
        .contains("<th>a&lt;1&gt;</th>", "<td>wifi-mac</td><td>stats.vendor.test</td><td>proxy</td>")
        .contains("leaks</td><td>-</td></tr>");
  }

  @Test
  public void written_file_follows_the_contract_for_one_and_several_devices() throws Exception {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of("classpath:contracts/firmware-diff.schema.json"));
    Path dir = Files.createTempDirectory("diff");
    FirmwareDiffs diffs = new FirmwareDiffs();
    diffs.record(FirmwareDiff.compare("phone-a", threeBuilds()));
    assertThat(diffs.write(dir.resolve("one.json"))).isTrue();
    assertThat(schema.validate(new ObjectMapper().readTree(dir.resolve("one.json").toFile()))).isEmpty();

    diffs.record(FirmwareDiff.compare("phone-b", threeBuilds()));
    diffs.write(dir.resolve("two.json"));
    assertThat(new ObjectMapper().readTree(dir.resolve("two.json").toFile()).isArray()).isTrue();
    assertThat(schema.validate(new ObjectMapper().readTree(dir.resolve("two.json").toFile()))).isEmpty();
  }

  @Test
  public void nothing_is_written_when_no_device_compared_builds() throws Exception {
    Path file = Files.createTempDirectory("diff").resolve("none.json");
    assertThat(new FirmwareDiffs().write(file)).isFalse();
    assertThat(file).doesNotExist();
  }
}
