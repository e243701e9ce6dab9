package io.phonehome.capture.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.testng.annotations.Test;

public class DecodersTest {

  @Test
  public void dns_query_gives_its_names_and_types() {
    assertThat(DnsQuery.parse(Packets.dnsQuery(7, "imei-35.tracker.example", 28)))
        .containsExactly(new DnsQuery("imei-35.tracker.example", 28));
  }

  @Test
  public void dns_response_gives_no_queries() {
    byte[] response = Packets.dnsQuery(7, "a.example", 1);
    response[2] |= (byte) 0x80;

    assertThat(DnsQuery.parse(response)).isEmpty();
  }

  @Test
  public void dns_name_with_a_compression_pointer_is_followed() {
    // two questions, the second "b." + pointer to "example" inside the first
    byte[] m = Packets.concat(new byte[] {0, 1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0},
        new byte[] {1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1},
        new byte[] {1, 'b', (byte) 0xC0, 14, 0, 28, 0, 1});

    assertThat(DnsQuery.parse(m)).containsExactly(new DnsQuery("a.example", 1),
        new DnsQuery("b.example", 28));
  }

  @Test
  public void dns_pointer_loop_ends_without_a_name() {
    byte[] m = Packets.concat(new byte[] {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0},
        new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1});

    assertThat(DnsQuery.parse(m)).isEmpty();
  }

  @Test
  public void client_hello_gives_its_server_name() {
    assertThat(TlsClientHello.parse(Packets.clientHello("api.account.xiaomi.com")))
        .hasValueSatisfying(h -> {
          assertThat(h.sni()).contains("api.account.xiaomi.com");
          assertThat(h.applicationData()).isFalse();
        });
  }

  @Test
  public void client_hello_after_a_connect_request_is_found() {
    byte[] stream = Packets.concat(("CONNECT api.example:443 HTTP/1.1\r\nHost: api.example:443"
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), Packets.clientHello("api.example"));

    assertThat(TlsClientHello.parse(stream).flatMap(TlsClientHello::sni))
        .contains("api.example");
  }

  @Test
  public void client_hello_followed_by_encrypted_data_counts_as_application_data() {
    byte[] alertOnly = Packets.concat(Packets.clientHello("a.example"),
        Packets.applicationData(19));
    byte[] finished = Packets.concat(Packets.clientHello("a.example"),
        Packets.applicationData(53));

    assertThat(TlsClientHello.parse(alertOnly).get().applicationData()).isFalse();
    assertThat(TlsClientHello.parse(finished).get().applicationData()).isTrue();
  }

  @Test
  public void cut_client_hello_has_no_name_and_no_exception() {
    byte[] hello = Packets.clientHello("a.example");
    byte[] cut = java.util.Arrays.copyOf(hello, 60);

    assertThat(TlsClientHello.parse(cut)).hasValueSatisfying(h ->
        assertThat(h.sni()).isEmpty());
    assertThat(TlsClientHello.parse("POST / HTTP/1.1\r\n".getBytes())).isEmpty();
  }

  @Test
  public void quic_initial_is_recognised_and_dns_is_not() {
    assertThat(Quic.looksLike(Packets.quicInitial())).isTrue();
    assertThat(Quic.looksLike(Packets.dnsQuery(1, "a.example", 1))).isFalse();
  }

  @Test
  public void http_requests_are_read_one_after_another_with_chunked_bodies() {
    byte[] stream = ("POST /a HTTP/1.1\r\nHost: h.example\r\nContent-Length: 3\r\n\r\nabc"
        + "POST /b HTTP/1.1\r\nHost: h.example\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "2\r\nde\r\n1;x=y\r\nf\r\n0\r\n\r\n"
        + "\u0016binary tail").getBytes(StandardCharsets.ISO_8859_1);
    int[] rest = {0};

    List<HttpRequests.Request> requests = HttpRequests.parse(stream, rest);

    assertThat(requests).extracting(HttpRequests.Request::target).containsExactly("/a", "/b");
    assertThat(new String(requests.get(0).body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(new String(requests.get(1).body(), StandardCharsets.US_ASCII)).isEqualTo("def");
    assertThat(requests.get(0).headers()).contains(new Header("Content-Length", "3"));
    assertThat(new String(stream, rest[0], stream.length - rest[0],
        StandardCharsets.ISO_8859_1)).isEqualTo("\u0016binary tail");
  }

  @Test
  public void ipv6_addresses_print_in_short_form() {
    assertThat(PacketDecoder.compress("2001:db8:0:0:0:0:0:7")).isEqualTo("2001:db8::7");
    assertThat(PacketDecoder.compress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(PacketDecoder.compress("2001:db8:0:1:0:0:0:0")).isEqualTo("2001:db8:0:1::");
    assertThat(PacketDecoder.compress("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
  }
}
