package io.phonehome.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

public class HubStatusTest {
  /** What a Selenium Grid 4.48.0 hub answered with one relay node, its slot free. */
  private static final String ONE_NODE = """
      {
        "value": {
          "nodes": [
            {
              "sessionTimeout": 1800000,
              "id": "f4658076-d3bc-4502-8528-aa2247ce77f8",
              "slots": [
                {
                  "id": {"hostId": "f4658076", "id": "8dcbe47a"},
                  "lastStarted": "1970-01-01T00:00:00Z",
                  "session": null,
                  "stereotype": {
                    "appium:automationName": "UiAutomator2",
                    "appium:udid": "127.0.0.1:35513",
                    "platformName": "ANDROID"
                  }
                }
              ],
              "heartbeatPeriod": 60000,
              "uri": "http:\\u002f\\u002f127.0.0.1:37273",
              "maxSessions": 1,
              "availability": "UP",
              "version": "4.48.0 (revision 27f5213)"
            }
          ],
          "ready": true,
          "message": "Selenium Grid ready."
        }
      }
      """;

  @Test
  public void reads_each_node_with_its_availability_and_slot_udids() throws Exception {
    HubStatus status = HubStatus.parse(ONE_NODE);

    assertThat(status.ready()).isTrue();
    assertThat(status.nodes()).containsExactly(new HubStatus.Node(URI.create("http://127.0.0.1:37273"), "UP",
        List.of("127.0.0.1:35513"), 0));
    assertThat(status.node(URI.create("http://127.0.0.1:37273/"))).isPresent();
    assertThat(status.serves("127.0.0.1:35513")).isTrue();
    assertThat(status.serves("127.0.0.1:9")).isFalse();
  }

  @Test
  public void a_down_node_serves_nothing_and_a_busy_slot_is_counted() throws Exception {
    HubStatus status = HubStatus.parse(ONE_NODE.replace("\"UP\"", "\"DOWN\"")
        .replace("\"session\": null", "\"session\": {\"sessionId\": \"s1\"}"));

    assertThat(status.serves("127.0.0.1:35513")).isFalse();
    assertThat(status.nodes().get(0).busy()).isEqualTo(1);
  }

  @Test
  public void a_hub_without_nodes_is_not_ready() throws Exception {
    HubStatus status = HubStatus.parse("{\"value\": {\"nodes\": [], \"ready\": false, \"message\": \"Selenium Grid not ready.\"}}");

    assertThat(status.ready()).isFalse();
    assertThat(status.nodes()).isEmpty();
  }

  @Test
  public void what_is_not_a_webdriver_status_is_refused() {
    assertThatThrownBy(() -> HubStatus.parse("[1, 2]")).isInstanceOf(IOException.class)
        .hasMessageContaining("no \"value\" object");
  }

  @Test
  public void two_devices_with_one_udid_cannot_share_a_grid() {
    RelayTarget a = RelayTarget.of("same", URI.create("http://127.0.0.1:1"));
    RelayTarget b = RelayTarget.of("same", URI.create("http://127.0.0.1:2"));

    assertThatThrownBy(() -> new ManagedGrid(GridOptions.in(Path.of("/lab")), List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appium:udid same");
  }

  @Test
  public void says_how_to_build_the_grid_jars_when_they_are_missing() throws Exception {
    Path empty = Files.createTempDirectory("phonehome-no-grid");
    String before = System.getProperty(GridClasspath.LIB_PROPERTY);
    System.setProperty(GridClasspath.LIB_PROPERTY, empty.toString());
    try {
      assertThatThrownBy(GridClasspath::locate).isInstanceOf(StartException.class)
          .hasMessageContaining("Selenium Grid jars are not in " + empty)
          .hasMessageContaining("mvn -q -B -DskipTests package");
      ManagedGrid grid = new ManagedGrid(GridOptions.in(empty), List.of());
      assertThatThrownBy(grid::start).isInstanceOf(StartException.class);
      assertThat(grid.pids()).isEmpty();
      grid.stop();
    } finally {
      if (before == null) {
        System.clearProperty(GridClasspath.LIB_PROPERTY);
      } else {
        System.setProperty(GridClasspath.LIB_PROPERTY, before);
      }
      Files.deleteIfExists(empty.resolve("grid-hub.toml"));
      Files.deleteIfExists(empty);
    }
  }
}
