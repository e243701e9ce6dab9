package io.phonehome.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.testng.annotations.Test;

public class GridTomlTest {
  private static final HubPorts PORTS = new HubPorts(44441, 44442, 44443);
  private static final GridOptions OPTIONS = GridOptions.in(Path.of("/run/lab"));

  @Test
  public void the_hub_binds_loopback_with_its_event_bus_and_rejects_what_no_node_serves() {
    assertThat(GridToml.hub(PORTS, OPTIONS)).isEqualTo("""
        # phonehome managed Selenium Grid: the hub. Loopback only, event bus included.
        [server]
        host = "127.0.0.1"
        port = 44441

        [events]
        bind = true
        publish = "tcp://127.0.0.1:44442"
        subscribe = "tcp://127.0.0.1:44443"

        [distributor]
        reject-unsupported-caps = true
        healthcheck-interval = 10

        [sessionqueue]
        session-request-timeout = 60

        [logging]
        tracing = false
        """);
  }

  @Test
  public void a_node_relays_one_udid_to_its_endpoint_and_finds_no_drivers() {
    RelayTarget target = RelayTarget.of("127.0.0.1:40401", URI.create("http://127.0.0.1:46039/"));

    assertThat(GridToml.node(45555, PORTS, target, OPTIONS)).isEqualTo("""
        # phonehome managed Selenium Grid: the relay node for appium:udid 127.0.0.1:40401
        [server]
        host = "127.0.0.1"
        port = 45555

        [events]
        publish = "tcp://127.0.0.1:44442"
        subscribe = "tcp://127.0.0.1:44443"

        [node]
        detect-drivers = false
        grid-url = "http://127.0.0.1:44441"
        max-sessions = 1
        override-max-session = true
        session-timeout = 300

        [relay]
        url = "http://127.0.0.1:46039"
        status-endpoint = "/status"
        configs = ["1", "{\\"platformName\\":\\"Android\\",\\"appium:automationName\\":\\"UiAutomator2\\",\\"appium:udid\\":\\"127.0.0.1:40401\\"}"]

        [logging]
        tracing = false
        """);
  }

  @Test
  public void the_stereotype_is_json_the_relay_reads_back_whole() throws Exception {
    RelayTarget target = new RelayTarget("2A191FDH\"2004\\WQ", URI.create("http://10.0.4.2:4723/wd/hub"), "status", 2);

    String toml = GridToml.node(45555, PORTS, target, OPTIONS.withNodeSessionTimeout(Duration.ofMinutes(30)));

    String configs = toml.lines().filter(l -> l.startsWith("configs = ")).findFirst().orElseThrow();
    String stereotype = unquote(configs.substring(configs.indexOf(", ") + 2, configs.length() - 1));
    assertThat(new ObjectMapper().readValue(stereotype, Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "platformName", "Android", "appium:automationName", "UiAutomator2", "appium:udid", "2A191FDH\"2004\\WQ"));
    assertThat(configs).startsWith("configs = [\"2\", ");
    assertThat(toml).contains("url = \"http://10.0.4.2:4723/wd/hub\"", "status-endpoint = \"/status\"",
        "max-sessions = 2", "session-timeout = 1800");
  }

  @Test
  public void toml_strings_escape_quotes_backslashes_and_control_characters() {
    assertThat(GridToml.string("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  public void a_udid_cannot_break_out_of_the_comment_line() {
    RelayTarget target = RelayTarget.of("x\n[server]\nport = 1", URI.create("http://127.0.0.1:1"));

    assertThat(GridToml.node(2, PORTS, target, OPTIONS).lines().filter(l -> l.equals("[server]"))).hasSize(1);
  }

  @Test
  public void a_relay_target_needs_an_http_endpoint_and_a_session() {
    assertThatThrownBy(() -> RelayTarget.of("u", URI.create("adb://127.0.0.1:4723")))
        .hasMessageContaining("must be an http URL");
    assertThatThrownBy(() -> new RelayTarget("u", URI.create("http://h:1"), "/status", 0))
        .hasMessageContaining("at least one session");
    assertThatThrownBy(() -> RelayTarget.of(" ", URI.create("http://h:1"))).hasMessageContaining("udid");
  }

  @Test
  public void logs_and_configs_are_named_as_the_run_folder_contract_says() {
    assertThat(OPTIONS.hubLog()).isEqualTo(Path.of("/run/lab/grid-hub.log"));
    assertThat(OPTIONS.nodeLog(2)).isEqualTo(Path.of("/run/lab/grid-node-2.log"));
    assertThat(OPTIONS.nodeConfig(2)).isEqualTo(Path.of("/run/lab/grid-node-2.toml"));
  }

  /** The inverse of {@link GridToml#string} for what it writes. */
  private static String unquote(String toml) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < toml.length() - 1; i++) {
      char c = toml.charAt(i);
      if (c == '\\') {
        out.append(toml.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
