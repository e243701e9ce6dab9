package io.phonehome.simulator.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.shell.StreamingProgram;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class TcpdumpProgramTest {
  private static final class Captured implements StreamingProgram.Terminal {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<String> errors = new ArrayList<>();
    volatile int flushes;

    @Override
    public void write(byte[] bytes) {
      out.writeBytes(bytes);
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void error(String line) {
      errors.add(line);
    }

    @Override
    public boolean hangedUp() {
      return false;
    }
  }

  @Test
  public void without_root_it_is_refused_as_on_a_phone() {
    Captured t = new Captured();
    int status = new TcpdumpProgram(new PacketLog()).run(List.of("-i", "any", "-U", "-w", "-"), false, t);

    assertThat(status).isEqualTo(1);
    assertThat(t.errors).first().isEqualTo("tcpdump: any: You don't have permission to capture on that device");
    assertThat(t.out.size()).isZero();
  }

  @Test
  public void writes_only_packets_from_its_start_and_flushes_each_with_U() throws Exception {
    PacketLog log = new PacketLog();
    byte[] phone = Ipv4.address("192.168.1.23");
    byte[] old = Ipv4.udp(phone, 40000, Ipv4.address("203.0.113.1"), 1, new byte[3]);
    log.add(true, old);
    byte[] fresh = Ipv4.udp(phone, 40001, Ipv4.address("203.0.113.9"), 443, new byte[7]);
    Captured t = new Captured();
    Thread later = new Thread(() -> {
      try {
        while (t.flushes == 0) {
          Thread.onSpinWait();
        }
      } finally {
        log.add(true, fresh);
        log.add(true, fresh);
      }
    });
    later.start();

    int status = new TcpdumpProgram(log).run(List.of("-i", "any", "-s", "0", "-n", "-U", "-w", "-", "-c", "2"), true, t);
    later.join();

    assertThat(status).isZero();
    byte[] pcap = t.out.toByteArray();
    assertThat(pcap.length).isEqualTo(24 + 2 * (16 + 16 + fresh.length));
    assertThat(t.flushes).isGreaterThanOrEqualTo(3);
  }

  @Test
  public void rejects_an_unknown_interface_and_option() {
    Captured t = new Captured();
    assertThat(new TcpdumpProgram(new PacketLog()).run(List.of("-i", "eth9", "-w", "-"), true, t)).isEqualTo(1);
    assertThat(t.errors).first().isEqualTo("tcpdump: eth9: No such device exists");
    assertThat(new TcpdumpProgram(new PacketLog()).run(List.of("-X", "-w", "-"), true, t)).isEqualTo(1);
  }
}
