package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.testng.annotations.Test;

public class BridgeEventsTest {

  @Test
  public void parses_a_request_with_headers_in_order_and_the_body_as_sent() {
    BridgeEvent event = BridgeEvents.parse(EventLines.request("a1", 1_400_000_000.25, "POST",
        "http://api.example.test/pass?x=1", "imei=861234567890123"));

    assertThat(event).isInstanceOf(BridgeEvent.Request.class);
    BridgeEvent.Request r = (BridgeEvent.Request) event;
    assertThat(r.id()).isEqualTo("a1");
    assertThat(r.time()).isEqualTo(Instant.ofEpochSecond(1_400_000_000L, 250_000_000));
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo("http://api.example.test/pass?x=1");
    assertThat(r.host()).isEqualTo("api.example.test");
    assertThat(r.headers()).containsExactly(new Header("Host", "api.example.test"),
        new Header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("imei=861234567890123");
  }

  @Test
  public void parses_hello_with_listen_addresses_and_startup_errors() {
    BridgeEvent event = BridgeEvents.parse("{\"type\":\"hello\",\"mode\":\"sinkhole\",\"pid\":42,"
        + "\"listen\":[\"127.0.0.1:8080\"],\"errors\":[\"bad\"]}");

    assertThat(event).isEqualTo(
        new BridgeEvent.Hello("sinkhole", 42, java.util.List.of("127.0.0.1:8080"),
            java.util.List.of("bad")));
  }

  @Test
  public void parses_a_tls_failure_with_sni_and_byte_count() {
    BridgeEvent.TlsFailed t = (BridgeEvent.TlsFailed) BridgeEvents.parse(
        EventLines.tlsFailed("c1", 3.0, "pinned.example.test"));

    assertThat(t.sni()).isEqualTo("pinned.example.test");
    assertThat(t.client()).isEqualTo("127.0.0.1:40000");
    assertThat(t.bytes()).isEqualTo(517);
  }

  @Test
  public void rejects_a_line_that_is_not_json() {
    assertThatThrownBy(() -> BridgeEvents.parse("Traceback (most recent call last):"))
        .isInstanceOf(BridgeEvents.MalformedEventException.class)
        .hasMessageStartingWith("not JSON");
  }

  @Test
  public void rejects_an_unknown_event_type_by_name() {
    assertThatThrownBy(() -> BridgeEvents.parse("{\"type\":\"websocket\"}"))
        .hasMessage("unknown event type: websocket");
  }

  @Test
  public void rejects_a_request_without_an_id() {
    assertThatThrownBy(() -> BridgeEvents.parse("{\"type\":\"request\",\"time\":1}"))
        .hasMessage("missing text field \"id\"");
  }

  @Test
  public void rejects_a_body_that_is_not_base64() {
    String line = EventLines.request("a", 1, "POST", "http://h/", "x")
        .replaceFirst("\"body\":\"[^\"]*\"", "\"body\":\"%%%\"");

    assertThatThrownBy(() -> BridgeEvents.parse(line)).hasMessageStartingWith("body is not base64");
  }
}
