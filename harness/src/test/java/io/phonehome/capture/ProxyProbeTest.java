package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

public class ProxyProbeTest {
  private static final Pattern SENT = Pattern.compile("GET (http://\\S+) HTTP/1\\.1\\\\r\\\\n.*\\| nc -w 5 (\\S+) (\\d+) 2>&1");

  @Test
  public void a_probe_the_bridge_reports_proves_the_route_and_is_not_the_phones_traffic() throws Exception {
    Capture capture = new Capture("phone");
    List<String> commands = new ArrayList<>();
    // the phone's shell: what nc sends reaches the proxy, whose bridge reports it
    ProxyProbe probe = new ProxyProbe("virtual phone", command -> {
      if (command.equals("settings get global http_proxy")) {
        return "10.0.0.2:8080\n";
      }
      commands.add(command);
      Matcher m = SENT.matcher(command);
      assertThat(m.find()).as(command).isTrue();
      capture.acceptLine(EventLines.request("p1", 1.0, "GET", m.group(1), ""));
      return "HTTP/1.1 200 OK\n\nphonehome sinkhole";
    }, "10.0.0.2", 8080, capture);
    capture.acceptLine(EventLines.request("f1", 0.5, "GET", "http://" + ProxyProbe.HOST + "/virtual-phone/guess", ""));

    assertThat(probe.check(Duration.ofSeconds(5))).isEmpty();

    assertThat(commands).singleElement().satisfies(c -> {
      assertThat(c).contains("nc -w 5 10.0.0.2 8080").contains("Host: " + ProxyProbe.HOST);
      assertThat(c).contains("http://" + ProxyProbe.HOST + "/virtual-phone/");
    });
    assertThat(capture.flows()).filteredOn(probe::isProbe).singleElement()
        .satisfies(f -> assertThat(f.url()).isEqualTo(SENT.matcher(commands.get(0)).results()
            .findFirst().orElseThrow().group(1)));
    assertThat(capture.flows()).as("a firmware's request to the probe host is not the probe's")
        .filteredOn(f -> !probe.isProbe(f)).singleElement()
        .satisfies(f -> assertThat(f.url()).endsWith("/guess"));
  }

  @Test
  public void a_phone_that_cannot_reach_the_proxy_is_told_with_the_address_and_what_nc_said() throws Exception {
    Capture capture = new Capture("phone");
    ProxyProbe probe = new ProxyProbe("phone", command -> command.startsWith("settings") ? "0.0.0.0:8080"
        : "nc: connect to 0.0.0.0:8080: Connection refused\n", "0.0.0.0", 8080, capture);

    Optional<String> why = probe.check(Duration.ZERO);

    assertThat(why).hasValueSatisfying(w -> assertThat(w)
        .startsWith("the phone cannot reach the capture proxy at 0.0.0.0:8080")
        .contains("its probe got: nc: connect to 0.0.0.0:8080: Connection refused")
        .contains("lab.proxy-host"));
  }

  @Test
  public void a_proxy_setting_that_no_longer_names_the_proxy_is_a_lost_route() throws Exception {
    List<String> commands = new ArrayList<>();
    ProxyProbe probe = new ProxyProbe("phone", command -> {
      commands.add(command);
      return "null\n";
    }, "127.0.0.1", 8080, new Capture("phone"));

    assertThat(probe.check(Duration.ofSeconds(5))).hasValue("the phone's proxy setting is 'null', not the capture"
        + " proxy at 127.0.0.1:8080 (something on the phone changed or lost it)");
    assertThat(commands).as("no probe through a setting that is gone").hasSize(1);
  }

  @Test
  public void a_shell_that_fails_is_a_route_not_proven() throws Exception {
    ProxyProbe probe = new ProxyProbe("phone", command -> {
      throw new IllegalStateException("device offline");
    }, "127.0.0.1", 8080, new Capture("phone"));

    assertThat(probe.check(Duration.ZERO)).hasValueSatisfying(w -> assertThat(w).contains("device offline"));
  }
}
