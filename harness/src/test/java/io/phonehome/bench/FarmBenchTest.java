package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.DeviceSpec;
import io.phonehome.device.IdentityKeys;
import io.phonehome.device.Inventory;
import io.phonehome.device.InventoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class FarmBenchTest {
  private static final Path FIRMWARE = Path.of(System.getProperty("phonehome.root", ".."))
      .toAbsolutePath().normalize().resolve(FarmBench.FIRMWARE);

  @Test
  public void the_generated_lab_gives_every_handset_a_valid_identity_of_its_own() throws Exception {
    Inventory lab = parse(FarmBench.devicesYaml(FarmBench.Via.DIRECT, 8, FIRMWARE, Duration.ofSeconds(10)));

    assertThat(lab.devices()).hasSize(8);
    assertThat(lab.lab().observe()).isEqualTo(Duration.ofSeconds(10));
    assertThat(lab.lab().appium()).isEmpty();
    for (String key : List.of("imei", "phone-number", "imsi", "iccid", "android-id", "wifi-mac")) {
      assertThat(lab.devices().stream().map(d -> d.identity().get(key)).distinct()).as(key).hasSize(8);
    }
    for (DeviceSpec d : lab.devices()) {
      assertThat(d.virtual().orElseThrow().firmware()).isEqualTo(FIRMWARE);
      assertThat(d.virtual().orElseThrow().driver()).isEqualTo(DeviceSpec.Driver.DIRECT);
      for (Map.Entry<String, String> e : d.identity().entrySet()) {
        assertThat(IdentityKeys.problem(e.getKey(), e.getValue())).as(e.toString()).isEmpty();
      }
      assertThat(IdentityKeys.luhnValid(d.identity().get("iccid"))).as("ICCID check digit").isTrue();
    }
  }

  @Test
  public void the_appium_lab_drives_every_handset_through_a_managed_server_and_grid() throws Exception {
    Inventory lab = parse(FarmBench.devicesYaml(FarmBench.Via.APPIUM, 2, FIRMWARE, Duration.ofSeconds(3)));

    assertThat(lab.lab().appium()).isPresent();
    assertThat(lab.lab().grid()).isPresent();
    assertThat(lab.devices()).allSatisfy(d ->
        assertThat(d.virtual().orElseThrow().driver()).isEqualTo(DeviceSpec.Driver.APPIUM));
  }

  @Test
  public void the_goal_line_says_met_or_not_with_the_ratio() {
    List<FarmBench.Measurement> all = List.of(
        measured(FarmBench.Via.DIRECT, 1, 30), measured(FarmBench.Via.DIRECT, 8, 54),
        measured(FarmBench.Via.APPIUM, 1, 40), measured(FarmBench.Via.APPIUM, 8, 100));

    assertThat(FarmBench.goal(all)).isEqualTo("goal (8 handsets in <= 2x one handset's wall time, same run):"
        + " direct met, 8 handsets in 1.80x one handset's wall time; appium NOT met, 8 handsets in 2.50x one"
        + " handset's wall time");
    assertThat(FarmBench.goal(all.subList(0, 1))).endsWith("direct not measured (no N=1 and larger N that both ran)");
  }

  private static FarmBench.Measurement measured(FarmBench.Via via, int n, double wall) {
    TreeSampler.Sampled s = new TreeSampler.Sampled(Map.of(), Map.of(), 1, 0, 1, 1, 1, List.of());
    return new FarmBench.Measurement(via, n, 1, wall, wall, wall, s, Path.of("run"), List.of(), List.of());
  }

  private static Inventory parse(String yaml) throws Exception {
    Path dir = Files.createTempDirectory("farm-bench-test");
    Path file = dir.resolve("devices.yaml");
    Files.writeString(file, yaml);
    try {
      return InventoryParser.parse(file);
    } finally {
      Files.delete(file);
      Files.delete(dir);
    }
  }
}
