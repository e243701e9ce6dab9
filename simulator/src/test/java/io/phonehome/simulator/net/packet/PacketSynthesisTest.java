package io.phonehome.simulator.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.Test;

public class PacketSynthesisTest {
  private static final byte[] PHONE = Ipv4.address("192.168.1.23");
  private static final byte[] SERVER = Ipv4.address("203.0.113.7");

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  private static long u32(byte[] b, int off) {
    return ByteBuffer.wrap(b, off, 4).getInt() & 0xffffffffL;
  }

  private static byte[] transport(byte[] ip) {
    return Arrays.copyOfRange(ip, 20, ip.length);
  }

  /** A checksum over data that includes its own checksum field is 0 when valid. */
  private static int verify(byte[] ip) {
    byte[] t = transport(ip);
    byte[] pseudo = ByteBuffer.allocate(12).put(ip, 12, 4).put(ip, 16, 4).put((byte) 0).put(ip[9])
        .putShort((short) t.length).array();
    return Ipv4.checksum(pseudo, t);
  }

  @Test
  public void ip_tcp_and_udp_checksums_verify() {
    byte[] tcp = Ipv4.tcp(PHONE, 40000, SERVER, 5222, 1, 2, Ipv4.ACK | Ipv4.PSH, 65535, "odd".getBytes());
    byte[] udp = Ipv4.udp(PHONE, 40001, SERVER, 8000, "imei=1".getBytes());

    for (byte[] ip : List.of(tcp, udp)) {
      assertThat(Ipv4.checksum(new byte[0], Arrays.copyOf(ip, 20))).isZero();
      assertThat(verify(ip)).isZero();
      assertThat(u16(ip, 2)).isEqualTo(ip.length);
    }
    assertThat(Arrays.copyOfRange(tcp, 16, 20)).isEqualTo(SERVER);
  }

  @Test
  public void tcp_flow_numbers_handshake_segments_and_fin_consistently() {
    PacketLog log = new PacketLog();
    TcpFlow flow = new TcpFlow(log, PHONE, 40000, SERVER, 5222);
    flow.open();
    flow.sent(new byte[3000], 0, 3000);
    flow.received(new byte[5], 0, 5);
    flow.received(new byte[100], 0, 100);
    flow.close();

    List<Packet> p = log.snapshot();
    byte[] syn = transport(p.get(0).ip());
    byte[] synAck = transport(p.get(1).ip());
    long isn = u32(syn, 4);
    long peerIsn = u32(synAck, 4);
    assertThat(syn[13]).isEqualTo((byte) Ipv4.SYN);
    assertThat(synAck[13]).isEqualTo((byte) (Ipv4.SYN | Ipv4.ACK));
    assertThat(u32(synAck, 8)).isEqualTo((isn + 1) & 0xffffffffL);
    // 3000 bytes: segments of 1460, 1460, 80, then the server's ACK of all of them
    List<Integer> lengths = p.stream().skip(3).limit(3).map(x -> x.ip().length - 40).toList();
    assertThat(lengths).containsExactly(1460, 1460, 80);
    assertThat(u32(transport(p.get(4).ip()), 4)).isEqualTo((isn + 1 + 1460) & 0xffffffffL);
    assertThat(u32(transport(p.get(6).ip()), 8)).isEqualTo((isn + 1 + 3000) & 0xffffffffL);
    // the two reads arrive as one 105-byte segment
    assertThat(p.get(7).outgoing()).isFalse();
    assertThat(p.get(7).ip().length - 40).isEqualTo(105);
    byte[] fin = transport(p.get(9).ip());
    assertThat(fin[13] & Ipv4.FIN).isEqualTo(Ipv4.FIN);
    assertThat(u32(fin, 4)).isEqualTo((isn + 1 + 3000) & 0xffffffffL);
    assertThat(u32(fin, 8)).isEqualTo((peerIsn + 1 + 105) & 0xffffffffL);
    assertThat(p).hasSize(12).allSatisfy(x -> assertThat(verify(x.ip())).isZero());
  }

  @Test
  public void dns_query_and_answer_are_logged_for_a_name_but_not_for_an_ip() {
    HandsetCapture capture = new HandsetCapture(new PacketLog());
    byte[] literal = capture.resolve("203.0.113.7");
    byte[] named = capture.resolve("push.example.cn");

    assertThat(literal).isEqualTo(SERVER);
    assertThat(named[0] & 0xff).isEqualTo(198);
    List<Packet> p = capture.log().snapshot();
    assertThat(p).hasSize(2);
    assertThat(Arrays.copyOfRange(p.get(0).ip(), 16, 20)).isEqualTo(Ipv4.address(HandsetCapture.RESOLVER));
    assertThat(u16(p.get(0).ip(), 22)).isEqualTo(53);
    byte[] answer = transport(p.get(1).ip());
    assertThat(Arrays.copyOfRange(answer, answer.length - 4, answer.length)).isEqualTo(named);
  }

  @Test
  public void ring_drops_the_oldest_packets_beyond_its_bound() throws Exception {
    PacketLog log = new PacketLog(1000);
    for (int i = 0; i < 20; i++) {
      log.add(true, Ipv4.udp(PHONE, 40000 + i, SERVER, 53, new byte[60]));
    }

    assertThat(log.snapshot().size()).isLessThan(20).isGreaterThan(1);
    assertThat(log.next()).isEqualTo(20);
    PacketLog.Batch b = log.await(0, java.time.Duration.ZERO);
    assertThat(b.next()).isEqualTo(20);
    assertThat(u16(b.packets().get(b.packets().size() - 1).ip(), 20)).isEqualTo(40019);
  }

  @Test
  public void pcap_global_header_is_classic_microsecond_linux_cooked() {
    ByteBuffer h = ByteBuffer.wrap(PcapWriter.globalHeader()).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(h.capacity()).isEqualTo(24);
    assertThat(h.getInt(0)).isEqualTo(0xa1b2c3d4);
    assertThat(h.getShort(4)).isEqualTo((short) 2);
    assertThat(h.getShort(6)).isEqualTo((short) 4);
    assertThat(h.getInt(20)).isEqualTo(113);
  }

  @Test
  public void pcap_record_carries_direction_and_the_ip_datagram() {
    byte[] ip = Ipv4.udp(PHONE, 40000, SERVER, 443, new byte[10]);
    ByteBuffer r = ByteBuffer.wrap(PcapWriter.record(new Packet(1_700_000_000_123_456L, true, ip)))
        .order(ByteOrder.LITTLE_ENDIAN);

    assertThat(r.getInt(0)).isEqualTo(1_700_000_000);
    assertThat(r.getInt(4)).isEqualTo(123_456);
    assertThat(r.getInt(8)).isEqualTo(16 + ip.length).isEqualTo(r.getInt(12));
    r.order(ByteOrder.BIG_ENDIAN);
    assertThat(r.getShort(16)).isEqualTo((short) 4);
    assertThat(r.getShort(30)).isEqualTo((short) 0x0800);
    assertThat(Arrays.copyOfRange(r.array(), 32, r.capacity())).isEqualTo(ip);
  }
}
