package io.phonehome.capture.pcap;

import static io.phonehome.capture.pcap.Packets.ACK;
import static io.phonehome.capture.pcap.Packets.FIN_ACK;
import static io.phonehome.capture.pcap.Packets.PSH_ACK;
import static io.phonehome.capture.pcap.Packets.SYN;
import static io.phonehome.capture.pcap.Packets.ethernet;
import static io.phonehome.capture.pcap.Packets.tcp;
import static io.phonehome.capture.pcap.Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.pcap.PcapWriter.Format;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.testng.annotations.Test;

public class PcapReaderTest {
  private static final Instant T0 = Instant.parse("2014-08-10T09:00:00.123456Z");
  private static final String PHONE = "10.0.2.15";
  private static final String SERVER = "203.0.113.7";

  static PcapResult read(byte[] capture) throws IOException {
    return new PcapReader().read(new ByteArrayInputStream(capture));
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A handshake and "hello world" in three segments, sent out of order with a resend. */
  static PcapWriter splitStream(PcapWriter w, java.util.function.UnaryOperator<byte[]> link) {
    long isn = 1000;
    w.packet(T0, link.apply(tcp(PHONE, 40000, SERVER, 80, isn, SYN, new byte[0])));
    w.packet(T0.plusMillis(1), link.apply(tcp(SERVER, 80, PHONE, 40000, 7000, SYN | ACK,
        new byte[0])));
    w.packet(T0.plusMillis(2), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 1, ACK,
        new byte[0])));
    w.packet(T0.plusMillis(3), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 7, PSH_ACK,
        "wor")));
    w.packet(T0.plusMillis(4), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 1, PSH_ACK,
        "hello ")));
    w.packet(T0.plusMillis(5), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 1, PSH_ACK,
        "hello ")));
    w.packet(T0.plusMillis(6), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 8, PSH_ACK,
        "orld")));
    w.packet(T0.plusMillis(7), link.apply(tcp(SERVER, 80, PHONE, 40000, 7001, PSH_ACK,
        "ok")));
    w.packet(T0.plusMillis(8), link.apply(tcp(PHONE, 40000, SERVER, 80, isn + 12, FIN_ACK,
        new byte[0])));
    return w;
  }

  @Test
  public void reassembles_a_split_out_of_order_stream_with_a_retransmission() throws Exception {
    PcapResult result = read(splitStream(new PcapWriter(Format.PCAP_LITTLE_MICROS, 1),
        Packets::ethernet).bytes());

    assertThat(result.problems()).isEmpty();
    assertThat(result.format()).isEqualTo("pcap");
    assertThat(result.packets()).isEqualTo(9);
    assertThat(result.streams()).hasSize(1);
    TcpStream s = result.streams().get(0);
    assertThat(s.client()).isEqualTo(new Endpoint(PHONE, 40000));
    assertThat(s.server()).isEqualTo(new Endpoint(SERVER, 80));
    assertThat(text(s.clientBytes())).isEqualTo("hello world");
    assertThat(text(s.serverBytes())).isEqualTo("ok");
    assertThat(s.clientByteCount()).isEqualTo(11);
    assertThat(s.firstSeen()).isEqualTo(T0);
    assertThat(s.notes()).isEmpty();
  }

  @Test
  public void reads_big_endian_nanosecond_pcap_with_linux_cooked_ipv6() throws Exception {
    Instant precise = Instant.parse("2014-08-10T09:00:00.123456789Z");
    byte[] capture = new PcapWriter(Format.PCAP_BIG_NANOS, 113)
        .packet(precise, Packets.sll(tcp("2001:db8::15", 40000, "2001:db8::7", 443, 5, SYN,
            new byte[0])))
        .packet(precise.plusNanos(1), Packets.sll(tcp("2001:db8::15", 40000, "2001:db8::7",
            443, 6, PSH_ACK, "v6 data")))
        .bytes();

    PcapResult result = read(capture);

    assertThat(result.problems()).isEmpty();
    TcpStream s = result.streams().get(0);
    assertThat(s.firstSeen()).isEqualTo(precise);
    assertThat(s.client()).isEqualTo(new Endpoint("2001:db8::15", 40000));
    assertThat(s.server().toString()).isEqualTo("[2001:db8::7]:443");
    assertThat(text(s.clientBytes())).isEqualTo("v6 data");
  }

  @Test
  public void reads_pcapng_with_interfaces_of_different_link_types() throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1);
    int raw = w.addInterface(101);
    int cooked2 = w.addInterface(276);
    int loop = w.addInterface(0);
    w.packet(0, T0, ethernet(udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1,
        "a.example", 1))));
    w.packet(raw, T0.plusSeconds(1), udp(PHONE, 5001, "8.8.8.8", 53,
        Packets.dnsQuery(2, "b.example", 28)));
    w.packet(cooked2, T0.plusSeconds(2), Packets.sll2(udp("2001:db8::15", 5002,
        "2001:db8::53", 53, Packets.dnsQuery(3, "c.example", 255))));
    w.packet(loop, T0.plusSeconds(3), Packets.loopback(udp("127.0.0.1", 5003, "127.0.0.1",
        9999, "ping".getBytes())));
    w.simplePacket(ethernet(udp(PHONE, 5004, SERVER, 7, "echo".getBytes())));

    PcapResult result = read(w.bytes());

    assertThat(result.problems()).isEmpty();
    assertThat(result.format()).isEqualTo("pcapng");
    assertThat(result.datagrams()).extracting(d -> d.source().port())
        .containsExactly(5000, 5001, 5002, 5003, 5004);
    assertThat(result.datagrams().get(1).time()).isEqualTo(T0.plusSeconds(1));
    assertThat(result.datagrams().get(2).destination().address()).isEqualTo("2001:db8::53");
    assertThat(text(result.datagrams().get(3).payload())).isEqualTo("ping");
    assertThat(text(result.datagrams().get(4).payload())).isEqualTo("echo");
  }

  @Test
  public void a_cut_file_reports_the_offset_and_keeps_earlier_packets() throws Exception {
    byte[] whole = splitStream(new PcapWriter(Format.PCAP_LITTLE_MICROS, 1),
        Packets::ethernet).bytes();
    byte[] cut = Arrays.copyOf(whole, whole.length - 10);

    PcapResult result = read(cut);

    int lastRecord = whole.length - (16 + 14 + 40);
    assertThat(result.problems()).singleElement().asString()
        .startsWith("offset " + lastRecord + ": packet data cut short");
    assertThat(result.packets()).isEqualTo(8);
    assertThat(text(result.streams().get(0).clientBytes())).isEqualTo("hello world");
    // a live capture read while tcpdump writes its last record looks just like this
    assertThat(result.problemsBeyondALiveTail()).isEmpty();
  }

  @Test
  public void a_corrupt_pcapng_block_length_is_a_problem_not_an_exception() throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1);
    w.packet(T0, ethernet(udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1, "a.example",
        1))));
    int good = w.bytes().length;
    w.packet(T0, ethernet(udp(PHONE, 5001, "8.8.8.8", 53, Packets.dnsQuery(2, "b.example",
        1))));
    byte[] capture = w.bytes();
    capture[good + 4] = 0x7F;

    PcapResult result = read(capture);

    assertThat(result.problems()).singleElement().asString()
        .startsWith("offset " + good + ": block length");
    assertThat(result.datagrams()).hasSize(1);
    assertThat(result.problemsBeyondALiveTail()).isEqualTo(result.problems());
  }

  @Test
  public void a_packet_skipped_as_malformed_is_a_problem_a_live_tail_does_not_explain() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 1)
        .packet(T0, ethernet(new byte[] {0x45, 0, 0}))
        .packet(T0, ethernet(udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1, "a.example", 1))))
        .bytes();

    PcapResult result = read(capture);

    assertThat(result.problems()).singleElement().asString().contains("skipped as malformed", "cut short");
    assertThat(result.problemsBeyondALiveTail()).isEqualTo(result.problems());
    assertThat(result.datagrams()).hasSize(1);
  }

  @Test
  public void a_file_that_is_no_capture_is_a_problem_at_offset_0() throws Exception {
    PcapResult result = read("GET / HTTP/1.1\r\n".getBytes());

    assertThat(result.problems()).singleElement().asString()
        .startsWith("offset 0: magic 47455420 is neither pcap nor pcapng");
    assertThat(result.streams()).isEmpty();
  }

  @Test
  public void a_stream_caught_mid_way_takes_the_lower_port_as_server() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, tcp(SERVER, 443, PHONE, 40000, 9000, PSH_ACK, "from server"))
        .packet(T0.plusMillis(1), tcp(PHONE, 40000, SERVER, 443, 77, PSH_ACK, "from "))
        .packet(T0.plusMillis(2), tcp(PHONE, 40000, SERVER, 443, 82, PSH_ACK, "phone"))
        .bytes();

    TcpStream s = read(capture).streams().get(0);

    assertThat(s.server()).isEqualTo(new Endpoint(SERVER, 443));
    assertThat(text(s.clientBytes())).isEqualTo("from phone");
    assertThat(text(s.serverBytes())).isEqualTo("from server");
  }

  @Test
  public void sequence_numbers_that_wrap_past_32_bits_stay_in_order() throws Exception {
    long isn = 0xFFFFFFFFL - 3;
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, isn, SYN, new byte[0]))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 3, PSH_ACK, "efgh"))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, isn + 1, PSH_ACK, "abcd"))
        .bytes();

    assertThat(text(read(capture).streams().get(0).clientBytes())).isEqualTo("abcdefgh");
  }

  @Test
  public void a_stream_over_the_cap_is_cut_and_counted_and_says_so() throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAP_LITTLE_MICROS, 101);
    w.packet(T0, tcp(PHONE, 40000, SERVER, 80, 0, SYN, new byte[0]));
    for (int i = 0; i < 4; i++) {
      w.packet(T0, tcp(PHONE, 40000, SERVER, 80, 1 + i * 100, PSH_ACK, new byte[100]));
    }
    PcapLimits small = new PcapLimits(250, 65536, 1000, 1000);

    TcpStream s = new PcapReader(small).read(new ByteArrayInputStream(w.bytes()))
        .streams().get(0);

    assertThat(s.clientBytes()).hasSize(250);
    assertThat(s.clientByteCount()).isEqualTo(400);
    assertThat(s.truncated()).isTrue();
    assertThat(s.notes()).containsExactly("client to server: cut at 250 bytes");
  }

  @Test
  public void a_segment_lost_from_the_capture_is_skipped_and_noted() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 0, SYN, new byte[0]))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 1, PSH_ACK, "abc"))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 7, PSH_ACK, "ghi"))
        .bytes();

    TcpStream s = read(capture).streams().get(0);

    assertThat(text(s.clientBytes())).isEqualTo("abcghi");
    assertThat(s.notes()).containsExactly(
        "client to server: 3 bytes never captured at stream byte 3; skipped");
  }

  @Test
  public void a_new_syn_after_a_fin_starts_a_new_stream() throws Exception {
    byte[] capture = new PcapWriter(Format.PCAP_LITTLE_MICROS, 101)
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 0, SYN, new byte[0]))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 1, PSH_ACK, "one"))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 4, FIN_ACK, new byte[0]))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 500, SYN, new byte[0]))
        .packet(T0, tcp(PHONE, 40000, SERVER, 80, 501, PSH_ACK, "two"))
        .bytes();

    assertThat(read(capture).streams()).extracting(s -> text(s.clientBytes()))
        .containsExactly("one", "two");
  }

  @Test
  public void packets_of_an_unsupported_link_type_are_counted_not_fatal() throws Exception {
    PcapWriter w = new PcapWriter(Format.PCAPNG, 1);
    int bluetooth = w.addInterface(187);
    int first = w.bytes().length;
    w.packet(bluetooth, T0, new byte[] {1, 2, 3});
    w.packet(bluetooth, T0, new byte[] {4, 5, 6});
    w.packet(0, T0, ethernet(udp(PHONE, 5000, "8.8.8.8", 53, Packets.dnsQuery(1,
        "a.example", 1))));

    PcapResult result = read(w.bytes());

    assertThat(result.problems()).containsExactly(
        "offset " + first + ": link type 187 is not supported: 2 packet(s) ignored");
    assertThat(result.datagrams()).hasSize(1);
    assertThat(result.packets()).isEqualTo(3);
  }

  @Test
  public void a_bad_magic_reads_no_packet_and_says_so_at_offset_0() throws Exception {
    byte[] capture = new byte[64];
    capture[0] = (byte) 0xde;
    capture[1] = (byte) 0xad;
    capture[2] = (byte) 0xbe;
    capture[3] = (byte) 0xef;

    PcapResult result = read(capture);

    assertThat(result.packets()).isZero();
    assertThat(result.problems()).containsExactly("offset 0: magic deadbeef is neither pcap nor pcapng");
  }

  @Test
  public void a_file_cut_inside_its_header_reads_no_packet_and_says_where() throws Exception {
    byte[] header = Arrays.copyOf(new PcapWriter(Format.PCAP_LITTLE_MICROS, 1).bytes(), 12);

    PcapResult result = read(header);

    assertThat(result.packets()).isZero();
    assertThat(result.problems()).singleElement().asString().contains("pcap file header cut short");
  }
}
