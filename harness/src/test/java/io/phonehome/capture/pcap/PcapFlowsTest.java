package io.phonehome.capture.pcap;

import static io.phonehome.capture.pcap.Packets.PSH_ACK;
import static io.phonehome.capture.pcap.Packets.SYN;
import static io.phonehome.capture.pcap.Packets.ethernet;
import static io.phonehome.capture.pcap.Packets.tcp;
import static io.phonehome.capture.pcap.Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.capture.pcap.PcapWriter.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.testng.annotations.Test;

public class PcapFlowsTest {
  private static final Instant T0 = Instant.parse("2014-08-10T09:00:00Z");
  private static final String PHONE = "10.0.2.15";
  private static final String PROXY = "10.0.2.2";

  /** A phone that posts its IMEI to a hard-coded address, uses the proxy, asks DNS, QUIC. */
  private static PcapResult phoneCapture() throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1);
    String post = "POST /log?id=1 HTTP/1.1\r\nHost: 203.0.113.7:8000\r\nX-Imei: "
        + "865555012345678\r\nContent-Length: 20\r\n\r\nimei=865555012345678";
    w.packet(T0.plusSeconds(3), ethernet(tcp(PHONE, 40001, "203.0.113.7", 8000, 0, SYN,
        new byte[0])));
    w.packet(T0.plusSeconds(3), ethernet(tcp(PHONE, 40001, "203.0.113.7", 8000, 1, PSH_ACK,
        post)));
    w.packet(T0.plusSeconds(1), ethernet(tcp(PHONE, 40002, PROXY, 8080, 0, SYN,
        new byte[0])));
    w.packet(T0.plusSeconds(1), ethernet(tcp(PHONE, 40002, PROXY, 8080, 1, PSH_ACK,
        "CONNECT a.example:443 HTTP/1.1\r\n\r\n")));
    w.packet(T0.plusSeconds(2), ethernet(udp(PHONE, 5353, "8.8.8.8", 53,
        Packets.dnsQuery(9, "865555012345678.t.example", 1))));
    w.packet(T0.plusSeconds(4), ethernet(udp(PHONE, 5000, "198.51.100.4", 443,
        Packets.quicInitial())));
    w.packet(T0.plusSeconds(4), ethernet(udp("198.51.100.4", 443, PHONE, 5000,
        Packets.quicInitial())));
    w.packet(T0.plusSeconds(5), ethernet(tcp(PHONE, 40003, "198.51.100.9", 443, 0, SYN,
        new byte[0])));
    w.packet(T0.plusSeconds(5), ethernet(tcp(PHONE, 40003, "198.51.100.9", 443, 1, PSH_ACK,
        Packets.clientHello("pinned.example"))));
    w.packet(T0.plusSeconds(6), ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 0, SYN,
        new byte[0])));
    w.packet(T0.plusSeconds(6), ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 1,
        PSH_ACK, "\u0000\u0001imei 865555012345678")));
    PcapResult result = PcapReaderTest.read(w.bytes());
    assertThat(result.problems()).isEmpty();
    return result;
  }

  /** The same capture as a file, for the command line. */
  private static Path phoneCaptureFile(Path dir) throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1);
    w.packet(T0.plusSeconds(2), ethernet(udp(PHONE, 5353, "8.8.8.8", 53,
        Packets.dnsQuery(9, "865555012345678.t.example", 1))));
    w.packet(T0.plusSeconds(6), ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 0, SYN,
        new byte[0])));
    w.packet(T0.plusSeconds(6), ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 1,
        PSH_ACK, "\u0000\u0001imei 865555012345678")));
    Path file = dir.resolve("phone.pcapng");
    Files.write(file, w.bytes());
    return file;
  }

  @Test
  public void a_stream_the_capture_lacks_part_of_is_read_as_far_as_it_goes_and_marked_incomplete() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 1)
        .packet(T0, ethernet(tcp(PHONE, 40001, "203.0.113.7", 5222, 0, SYN, new byte[0])))
        .packet(T0, ethernet(tcp(PHONE, 40001, "203.0.113.7", 5222, 1, PSH_ACK, "imei ")))
        .packet(T0, ethernet(tcp(PHONE, 40001, "203.0.113.7", 5222, 16, PSH_ACK, " tail")))
        .bytes();

    Flow flow = PcapFlows.from(PcapReaderTest.read(capture), PcapFilter.none()).get(0);

    assertThat(flow.channel()).isEqualTo(Channel.DIRECT);
    assertThat(flow.incomplete()).contains(
        "stream read in part: client to server: 10 bytes never captured at stream byte 5; skipped");
  }

  @Test
  public void a_whole_stream_is_not_marked_incomplete() throws Exception {
    assertThat(PcapFlows.from(phoneCapture(), PcapFilter.proxy(PROXY + ":8080")))
        .allSatisfy(f -> assertThat(f.incomplete()).isEmpty());
  }

  @Test
  public void audit_command_reports_identifiers_in_a_packet_capture() throws Exception {
    Path dir = Files.createTempDirectory("audit-pcap");
    Path identity = dir.resolve("identity.yaml");
    Files.writeString(identity, "imei: \"865555012345678\"\n");
    Path out = dir.resolve("findings.json");

    int exit = io.phonehome.cli.Main.run(new String[] {"audit", "--pcap",
        phoneCaptureFile(dir).toString(), "--identity", identity.toString(), "--out", out.toString()});

    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(out))
        .contains("\"channel\" : \"dns\"", "\"channel\" : \"direct\"", "\"host\" : \"198.51.100.10\"");
  }

  @Test
  public void plain_http_not_to_the_proxy_is_a_direct_flow_with_method_url_headers_body()
      throws Exception {
    List<Flow> flows = PcapFlows.from(phoneCapture(), PcapFilter.proxy(PROXY + ":8080"));

    Flow post = flows.stream().filter(f -> f.method().equals("POST")).findFirst().orElseThrow();
    assertThat(post.channel()).isEqualTo(Channel.DIRECT);
    assertThat(post.url()).isEqualTo("http://203.0.113.7:8000/log?id=1");
    assertThat(post.host()).isEqualTo("203.0.113.7");
    assertThat(post.requestHeader("X-Imei")).contains("865555012345678");
    assertThat(new String(post.requestBody(), StandardCharsets.US_ASCII))
        .isEqualTo("imei=865555012345678");
    assertThat(post.time()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  public void flows_are_in_time_order_and_numbered_and_the_proxy_stream_is_left_out()
      throws Exception {
    List<Flow> flows = PcapFlows.from(phoneCapture(), PcapFilter.proxy(PROXY + ":8080"));

    assertThat(flows).extracting(Flow::channel).containsExactly(Channel.DNS, Channel.DIRECT,
        Channel.QUIC, Channel.DIRECT, Channel.DIRECT);
    assertThat(flows).extracting(Flow::index).containsExactly(0, 1, 2, 3, 4);
    assertThat(flows).extracting(Flow::url).containsExactly(
        "dns://865555012345678.t.example", "http://203.0.113.7:8000/log?id=1",
        "quic://198.51.100.4:443", "tcp://pinned.example:443", "tcp://198.51.100.10:5222");
  }

  @Test
  public void dns_query_is_a_dns_flow_with_the_name_in_the_url_only() throws Exception {
    Flow dns = PcapFlows.from(phoneCapture(), PcapFilter.none()).stream()
        .filter(f -> f.channel() == Channel.DNS).findFirst().orElseThrow();

    assertThat(dns.host()).isEqualTo("865555012345678.t.example");
    assertThat(dns.url()).isEqualTo("dns://865555012345678.t.example");
    assertThat(dns.requestBody()).isEmpty();
  }

  @Test
  public void tcp_that_is_not_http_keeps_its_client_bytes_as_body() throws Exception {
    List<PcapFlow> flows = PcapFlows.describe(phoneCapture(), PcapFilter.none());

    PcapFlow raw = flows.get(flows.size() - 1);
    assertThat(new String(raw.flow().requestBody(), StandardCharsets.ISO_8859_1))
        .contains("imei 865555012345678");
    assertThat(raw.server()).isEqualTo(new Endpoint("198.51.100.10", 5222));
    assertThat(raw.flow().bytes()).hasValueSatisfying(b -> assertThat(b.sent()).isEqualTo(22));
  }

  @Test
  public void tls_with_a_name_and_no_data_is_tls_refused_when_asked() throws Exception {
    List<PcapFlow> flows = PcapFlows.describe(phoneCapture(),
        PcapFilter.proxy(PROXY + ":8080").withTlsRefused());

    PcapFlow refused = flows.stream()
        .filter(f -> f.flow().channel() == Channel.TLS_REFUSED).findFirst().orElseThrow();
    assertThat(refused.flow().host()).isEqualTo("pinned.example");
    assertThat(refused.flow().url()).isEqualTo("https://pinned.example:443");
    assertThat(refused.serverName()).contains("pinned.example");
    assertThat(refused.flow().error()).hasValueSatisfying(e ->
        assertThat(e).contains("pinned.example").contains("bytes up"));
  }

  @Test
  public void a_socket_to_an_address_the_phone_looked_up_is_named_by_the_dns_answer() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAPNG, 1)
        .packet(T0, ethernet(udp(PHONE, 5353, "8.8.8.8", 53, Packets.dnsQuery(7, "up.vendor.example", 1))))
        .packet(T0.plusMillis(20), ethernet(udp("8.8.8.8", 53, PHONE, 5353,
            Packets.dnsAnswer(7, "up.vendor.example", "198.51.100.23", "198.51.100.24"))))
        .packet(T0.plusSeconds(1), ethernet(tcp(PHONE, 40010, "198.51.100.24", 9000, 0, SYN, new byte[0])))
        .packet(T0.plusSeconds(1), ethernet(tcp(PHONE, 40010, "198.51.100.24", 9000, 1, PSH_ACK, "imei 865555012345678")))
        .packet(T0.plusSeconds(2), ethernet(udp(PHONE, 5001, "198.51.100.23", 7000, "ping".getBytes(StandardCharsets.US_ASCII))))
        .packet(T0.plusSeconds(3), ethernet(tcp(PHONE, 40011, "203.0.113.9", 9000, 0, SYN, new byte[0])))
        .packet(T0.plusSeconds(3), ethernet(tcp(PHONE, 40011, "203.0.113.9", 9000, 1, PSH_ACK, "hello")))
        .bytes();

    List<PcapFlow> flows = PcapFlows.describe(PcapReaderTest.read(capture), PcapFilter.none());

    assertThat(flows).extracting(f -> f.flow().url()).containsExactly("dns://up.vendor.example",
        "tcp://up.vendor.example:9000", "udp://up.vendor.example:7000", "tcp://203.0.113.9:9000");
    assertThat(flows).extracting(f -> f.flow().host()).containsExactly("up.vendor.example",
        "up.vendor.example", "up.vendor.example", "203.0.113.9");
    assertThat(flows.get(1).server()).isEqualTo(new Endpoint("198.51.100.24", 9000));
    assertThat(flows.get(1).serverName()).contains("up.vendor.example");
  }

  @Test
  public void direct_and_hidden_flows_carry_their_byte_counts_into_findings_json() throws Exception {
    Path dir = Files.createTempDirectory("audit-bytes");
    Path identity = dir.resolve("identity.yaml");
    Files.writeString(identity, "imei: \"865555012345678\"\n");
    Path pcap = dir.resolve("phone.pcapng");
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1)
        .packet(T0, ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 0, SYN, new byte[0])))
        .packet(T0, ethernet(tcp(PHONE, 40004, "198.51.100.10", 5222, 1, PSH_ACK, "\u0000\u0001imei 865555012345678")))
        .packet(T0, ethernet(tcp("198.51.100.10", 5222, PHONE, 40004, 1, PSH_ACK, "ok")))
        .packet(T0.plusSeconds(1), ethernet(udp(PHONE, 5000, "198.51.100.4", 443, Packets.quicInitial())));
    Files.write(pcap, w.bytes());
    Path out = dir.resolve("findings.json");

    io.phonehome.cli.Main.run(new String[] {"audit", "--pcap", pcap.toString(), "--identity", identity.toString(),
        "--out", out.toString()});

    com.fasterxml.jackson.databind.JsonNode findings = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.toFile()).get("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).get("channel").asText()).isEqualTo("direct");
    assertThat(findings.get(0).get("bytes").toString()).isEqualTo("{\"sent\":22,\"received\":2}");
    assertThat(findings.get(1).get("channel").asText()).isEqualTo("quic");
    assertThat(findings.get(1).get("bytes").get("sent").asLong()).isEqualTo(Packets.quicInitial().length);
  }

  @Test
  public void loopback_is_the_proxy_when_asked() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 0)
        .packet(T0, Packets.loopback(tcp("127.0.0.1", 40000, "127.0.0.1", 9000, 0, SYN,
            new byte[0])))
        .packet(T0, Packets.loopback(tcp("127.0.0.1", 40000, "127.0.0.1", 9000, 1, PSH_ACK,
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n")))
        .bytes();
    PcapResult result = PcapReaderTest.read(capture);

    assertThat(PcapFlows.from(result, PcapFilter.none())).hasSize(1);
    assertThat(PcapFlows.from(result, PcapFilter.none().withLoopbackAsProxy())).isEmpty();
    assertThat(PcapFlows.from(result, PcapFilter.proxy("localhost:9000"))).isEmpty();
  }

  @Test
  public void a_proxy_that_is_not_host_and_port_is_refused_with_an_example() {
    assertThatThrownBy(() -> PcapFilter.proxy("127.0.0.1"))
        .hasMessage("proxy '127.0.0.1' is not host:port (for example 127.0.0.1:8080)");
  }
}
