package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.Test;

public class CaptureTest {

  @Test
  public void numbers_flows_in_the_order_requests_and_tls_failures_arrive() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "POST", "http://one.test/a", "1"));
    capture.acceptLine(EventLines.tlsFailed("t", 11, "pinned.test"));
    capture.acceptLine(EventLines.request("b", 12, "GET", "http://two.test/b", ""));

    assertThat(capture.flows()).extracting(Flow::index, Flow::host)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "one.test"),
            org.assertj.core.groups.Tuple.tuple(1, "pinned.test"),
            org.assertj.core.groups.Tuple.tuple(2, "two.test"));
  }

  @Test
  public void completes_a_request_with_its_response() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "POST", "http://one.test/a", "imei=1"));
    assertThat(capture.pending()).isEqualTo(1);

    capture.acceptLine(EventLines.response("a", 200, "ok"));

    Flow flow = capture.flows().get(0);
    assertThat(flow.channel()).isEqualTo(Channel.PROXY);
    assertThat(new String(flow.requestBody(), StandardCharsets.UTF_8)).isEqualTo("imei=1");
    assertThat(flow.response()).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
    });
    assertThat(flow.error()).isEmpty();
    assertThat(capture.pending()).isZero();
  }

  @Test
  public void keeps_a_request_whose_upload_failed_with_the_error() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "POST", "http://one.test/a", "imei=1"));
    capture.acceptLine(EventLines.error("a", "connection refused"));

    Flow flow = capture.flows().get(0);
    assertThat(flow.response()).isEmpty();
    assertThat(flow.error()).contains("connection refused");
  }

  @Test
  public void keeps_an_upload_still_in_flight_with_the_bytes_that_arrived() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/a", ""));
    capture.acceptLine(EventLines.inFlight("big", 11, "http://up.test/u", "imei=8612", 5000));
    capture.acceptLine(EventLines.request("b", 12, "GET", "http://two.test/b", ""));

    Flow flow = capture.flows().get(1);
    assertThat(flow.host()).isEqualTo("up.test");
    assertThat(new String(flow.requestBody(), StandardCharsets.UTF_8)).isEqualTo("imei=8612");
    assertThat(flow.incomplete())
        .contains("upload still in flight when the window closed: 9 of 5000 bytes arrived");
    assertThat(capture.inFlight()).isEqualTo(1);
    assertThat(capture.flows().get(2).index()).isEqualTo(2);
  }

  @Test
  public void a_later_report_of_the_same_upload_updates_its_flow_in_place() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.inFlight("big", 11, "http://up.test/u", "ab", -1));
    capture.acceptLine(EventLines.inFlight("big", 11, "http://up.test/u", "abcd", -1));

    assertThat(capture.flows()).hasSize(1);
    assertThat(capture.flows().get(0).incomplete()).contains(
        "upload still in flight when the window closed: 4 bytes arrived, of a length the request did not announce");
  }

  @Test
  public void an_upload_that_arrives_whole_after_all_keeps_its_index_and_is_complete() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.inFlight("big", 11, "http://up.test/u", "imei=8612", 20));
    capture.acceptLine(EventLines.request("b", 12, "GET", "http://two.test/b", ""));
    capture.acceptLine(EventLines.request("big", 11, "POST", "http://up.test/u", "imei=861234567890127"));
    capture.acceptLine(EventLines.response("big", 200, "ok"));

    assertThat(capture.flows()).hasSize(2);
    Flow flow = capture.flows().get(0);
    assertThat(flow.incomplete()).isEmpty();
    assertThat(new String(flow.requestBody(), StandardCharsets.UTF_8)).isEqualTo("imei=861234567890127");
    assertThat(flow.response()).isPresent();
    assertThat(capture.inFlight()).isZero();
    assertThat(capture.malformedEvents()).isZero();
  }

  @Test
  public void an_upload_the_phone_cut_short_keeps_its_bytes_and_the_error() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.inFlight("cut", 11, "http://up.test/u", "imei=86", 100));
    capture.acceptLine(EventLines.error("cut", "peer closed connection"));

    Flow flow = capture.flows().get(0);
    assertThat(flow.error()).contains("peer closed connection");
    assertThat(flow.incomplete()).contains("upload cut short: 7 of 100 bytes arrived");
    assertThat(capture.inFlight()).isZero();
    assertThat(capture.malformedEvents()).isZero();
  }

  @Test
  public void turns_a_tls_failure_into_a_tls_refused_flow_named_by_sni_and_connect_port() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.tlsFailed("t", 11, "api.pinned.test"));

    Flow flow = capture.flows().get(0);
    assertThat(flow.channel()).isEqualTo(Channel.TLS_REFUSED);
    assertThat(flow.method()).isEmpty();
    assertThat(flow.url()).isEqualTo("https://api.pinned.test:8443");
    assertThat(flow.host()).isEqualTo("api.pinned.test");
    assertThat(flow.requestBody()).isEmpty();
    assertThat(flow.error()).hasValueSatisfying(e -> assertThat(e).contains("517 bytes"));
    assertThat(flow.bytes()).contains(ByteCount.sentOnly(517));
  }

  @Test
  public void names_a_tls_failure_without_sni_by_its_connect_target() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.tlsFailed("t", 11, ""));

    Flow flow = capture.flows().get(0);
    assertThat(flow.host()).isEqualTo("203.0.113.7");
    assertThat(flow.url()).isEqualTo("https://203.0.113.7:8443");
  }

  @Test
  public void skips_and_counts_garbage_lines_without_losing_later_flows() {
    Capture capture = new Capture("test");
    capture.acceptLine("not json at all");
    capture.acceptLine("{\"type\":\"request\"}");
    capture.acceptLine(EventLines.response("never-requested", 200, ""));
    capture.acceptLine("");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));

    assertThat(capture.malformedEvents()).isEqualTo(3);
    assertThat(capture.flows()).hasSize(1);
    // each could have been a flow: the watch is told, with the first one
    assertThat(capture.unreadEvents()).contains("3 bridge events could not be read, so the capture may lack"
        + " flows (first: line 1, not JSON: unexpected 'n' at column 1: not json at all)");
  }

  @Test
  public void a_capture_whose_every_line_was_read_lacks_nothing() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));
    capture.acceptLine("");

    assertThat(capture.unreadEvents()).isEmpty();
  }

  @Test
  public void snapshots_do_not_change_when_the_flow_completes_later() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));
    List<Flow> before = capture.flows();

    capture.acceptLine(EventLines.response("a", 204, ""));

    assertThat(before.get(0).response()).isEmpty();
    assertThat(capture.flows().get(0).response()).isPresent();
  }

  @Test
  public void tells_listeners_about_each_new_flow_once() {
    Capture capture = new Capture("test");
    List<Flow> seen = new CopyOnWriteArrayList<>();
    capture.onFlow(seen::add);

    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));
    capture.acceptLine(EventLines.response("a", 200, ""));
    capture.acceptLine(EventLines.tlsFailed("t", 11, "pinned.test"));

    assertThat(seen).extracting(Flow::index).containsExactly(0, 1);
  }

  @Test
  public void survives_a_listener_that_throws() {
    Capture capture = new Capture("test");
    capture.onFlow(f -> {
      throw new IllegalStateException("boom");
    });

    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));

    assertThat(capture.flows()).hasSize(1);
  }

  @Test
  public void returns_only_flows_since_a_moment() {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 100, "GET", "http://old.test/", ""));
    capture.acceptLine(EventLines.request("b", 200, "GET", "http://new.test/", ""));

    assertThat(capture.flowsSince(Instant.ofEpochSecond(150))).extracting(Flow::host)
        .containsExactly("new.test");
  }

  @Test
  public void awaits_a_flow_fed_from_another_thread() throws Exception {
    Capture capture = new Capture("test");
    Thread feeder = new Thread(() -> {
      capture.acceptLine(EventLines.request("a", 10, "POST", "http://one.test/", "x"));
      capture.acceptLine(EventLines.response("a", 200, "ok"));
    });
    feeder.start();

    Optional<Flow> flow = capture.awaitCompletedFlow(f -> f.host().equals("one.test"),
        Duration.ofSeconds(5));
    feeder.join();

    assertThat(flow).hasValueSatisfying(f -> assertThat(f.response()).isPresent());
  }

  @Test
  public void await_flow_count_gives_up_after_its_timeout() throws Exception {
    Capture capture = new Capture("test");

    assertThat(capture.awaitFlowCount(1, Duration.ofMillis(50))).isFalse();
  }

  @Test
  public void is_idle_once_quiet_with_nothing_pending() throws Exception {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));
    capture.acceptLine(EventLines.response("a", 200, ""));

    assertThat(capture.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(5))).isTrue();
  }

  @Test
  public void is_not_idle_while_a_request_waits_for_its_response() throws Exception {
    Capture capture = new Capture("test");
    capture.acceptLine(EventLines.request("a", 10, "GET", "http://one.test/", ""));

    assertThat(capture.awaitIdle(Duration.ofMillis(10), Duration.ofMillis(200))).isFalse();
  }
}
