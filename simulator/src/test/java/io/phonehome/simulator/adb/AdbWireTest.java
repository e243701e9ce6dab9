package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.state.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The device side of the protocol, spoken to byte by byte as an adb host would. */
public class AdbWireTest {
  private VirtualHandset handset;

  @BeforeMethod
  public void start() throws IOException {
    handset = new VirtualHandset(Profiles.armani(), Identity.empty(), 0, 0);
    handset.start();
  }

  @AfterMethod(alwaysRun = true)
  public void stop() {
    handset.close();
  }

  /** A host end of one connection. */
  private final class Host implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Host() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), handset.adbPort());
      socket.setSoTimeout(5_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(AdbMessage m) throws IOException {
      out.write(m.encode());
      out.flush();
    }

    AdbMessage next() throws IOException {
      return AdbMessage.read(in, 1 << 20, false);
    }

    AdbMessage connect(int maxData) throws IOException {
      send(AdbMessage.of(AdbMessage.CNXN, 0x01000001, maxData, "host::\0"));
      return next();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  public void answers_cnxn_with_version_maxdata_and_product_banner() throws IOException {
    try (Host host = new Host()) {
      AdbMessage reply = host.connect(1 << 20);

      assertThat(AdbMessage.name(reply.command())).isEqualTo("CNXN");
      assertThat(reply.arg0()).isEqualTo(AdbMessage.VERSION_SKIP_CHECKSUM);
      assertThat(reply.arg1()).isEqualTo(AdbConnection.MAX_PAYLOAD);
      assertThat(reply.text()).isEqualTo(
          "device::ro.product.name=armani;ro.product.model=armani;ro.product.device=armani;features=");
    }
  }

  @Test
  public void runs_a_shell_command_on_a_stream_and_closes_it() throws IOException {
    try (Host host = new Host()) {
      host.connect(4096);
      host.send(AdbMessage.of(AdbMessage.OPEN, 11, 0, "shell:echo hi\0"));

      AdbMessage okay = host.next();
      AdbMessage write = host.next();
      host.send(new AdbMessage(AdbMessage.OKAY, 11, write.arg0(), null));
      AdbMessage close = host.next();

      assertThat(AdbMessage.name(okay.command())).isEqualTo("OKAY");
      assertThat(okay.arg1()).isEqualTo(11);
      assertThat(write.arg0()).isEqualTo(okay.arg0());
      assertThat(write.text()).isEqualTo("hi\n");
      assertThat(AdbMessage.name(close.command())).isEqualTo("CLSE");
      assertThat(close.arg0()).isEqualTo(okay.arg0());
      assertThat(close.arg1()).isEqualTo(11);
    }
  }

  @Test
  public void waits_for_the_hosts_okay_and_respects_its_maxdata() throws IOException {
    handset.state().fs().write("/sdcard/big.txt", "x".repeat(10_000).getBytes(), 0644);
    try (Host host = new Host()) {
      host.connect(4096);
      host.send(AdbMessage.of(AdbMessage.OPEN, 5, 0, "shell:cat /sdcard/big.txt\0"));
      AdbMessage okay = host.next();
      int received = 0;
      List<Integer> sizes = new ArrayList<>();
      while (true) {
        AdbMessage m = host.next();
        if (m.command() == AdbMessage.CLSE) {
          break;
        }
        sizes.add(m.data().length);
        received += m.data().length;
        host.socket.setSoTimeout(300);
        boolean sentEarly;
        try {
          sentEarly = host.in.available() > 0 || host.next() != null;
        } catch (SocketTimeoutException e) {
          sentEarly = false;
        }
        host.socket.setSoTimeout(5_000);
        assertThat(sentEarly).as("a WRTE before the host's OKAY").isFalse();
        host.send(new AdbMessage(AdbMessage.OKAY, 5, okay.arg0(), null));
      }

      assertThat(received).isEqualTo(10_000);
      assertThat(sizes).allMatch(s -> s <= 4096).hasSize(3);
    }
  }

  @Test
  public void refuses_an_unknown_service_with_clse() throws IOException {
    try (Host host = new Host()) {
      host.connect(4096);
      host.send(AdbMessage.of(AdbMessage.OPEN, 9, 0, "jdwp:1234\0"));

      AdbMessage reply = host.next();

      assertThat(AdbMessage.name(reply.command())).isEqualTo("CLSE");
      assertThat(reply.arg0()).isZero();
      assertThat(reply.arg1()).isEqualTo(9);
    }
  }

  @Test
  public void track_jdwp_reports_an_empty_list_and_stays_open() throws IOException {
    try (Host host = new Host()) {
      host.connect(4096);
      host.send(AdbMessage.of(AdbMessage.OPEN, 4, 0, "track-jdwp\0"));
      AdbMessage okay = host.next();
      AdbMessage list = host.next();
      host.send(new AdbMessage(AdbMessage.OKAY, 4, okay.arg0(), null));
      host.send(new AdbMessage(AdbMessage.CLSE, 4, okay.arg0(), null));
      host.send(AdbMessage.of(AdbMessage.OPEN, 6, 0, "shell:true\0"));
      AdbMessage next = host.next();

      assertThat(list.text()).isEqualTo("0000");
      assertThat(AdbMessage.name(next.command())).as("no CLSE echoed for a host close")
          .isEqualTo("OKAY");
      assertThat(next.arg1()).isEqualTo(6);
    }
  }

  @Test
  public void serves_concurrent_streams_on_one_connection() throws IOException {
    try (Host host = new Host()) {
      host.connect(4096);
      host.send(AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:\0"));
      AdbMessage first = host.next();
      AdbMessage prompt = host.next();
      host.send(new AdbMessage(AdbMessage.OKAY, 1, first.arg0(), null));
      host.send(AdbMessage.of(AdbMessage.OPEN, 2, 0, "shell:getprop ro.product.device\0"));
      AdbMessage second = host.next();
      AdbMessage output = host.next();

      assertThat(prompt.text()).isEqualTo("shell@armani:/ $ ");
      assertThat(second.arg0()).isNotEqualTo(first.arg0());
      assertThat(output.arg0()).isEqualTo(second.arg0());
      assertThat(output.text()).isEqualTo("armani\n");
    }
  }

  @Test
  public void drops_a_connection_that_sends_garbage_and_keeps_serving() throws IOException {
    try (Host bad = new Host()) {
      bad.out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      bad.out.flush();

      assertThat(bad.in.read()).isEqualTo(-1);
    }
    try (Host good = new Host()) {
      assertThat(AdbMessage.name(good.connect(4096).command())).isEqualTo("CNXN");
    }
  }

  @Test
  public void survives_a_truncated_message() throws IOException {
    try (Host bad = new Host()) {
      bad.connect(4096);
      byte[] m = AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:id\0").encode();
      bad.out.write(m, 0, 30);
      bad.out.flush();
    }
    try (Host good = new Host()) {
      assertThat(AdbMessage.name(good.connect(4096).command())).isEqualTo("CNXN");
    }
  }

  @Test
  public void goes_offline_and_comes_back_on_the_same_port() throws IOException {
    try (AdbDeviceServer server = new AdbDeviceServer(handset, 0)) {
      server.start();
      int port = server.port();
      Socket before = new Socket(InetAddress.getLoopbackAddress(), port);
      before.setSoTimeout(5_000);

      server.goOffline();

      assertThat(dropped(before)).as("the connection made before going offline is dropped")
          .isTrue();
      before.close();
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .isInstanceOf(ConnectException.class);
      server.comeOnline();
      assertThat(server.port()).isEqualTo(port);
      try (Socket after = new Socket(InetAddress.getLoopbackAddress(), port)) {
        after.getOutputStream().write(
            AdbMessage.of(AdbMessage.CNXN, 0x01000001, 4096, "host::\0").encode());
        after.setSoTimeout(5_000);
        AdbMessage reply = AdbMessage.read(after.getInputStream(), 1 << 20, false);
        assertThat(AdbMessage.name(reply.command())).isEqualTo("CNXN");
      }
    }
  }

  @Test
  public void names_the_port_when_it_cannot_listen() throws IOException {
    try (AdbDeviceServer taken = new AdbDeviceServer(handset, handset.adbPort())) {
      assertThatThrownBy(taken::start)
          .hasMessageStartingWith("adb: cannot listen on 127.0.0.1:" + handset.adbPort())
          .hasMessageContaining("--adb-port");
    }
  }

  /** Whether the peer ended the connection, by an orderly close or a reset. */
  private static boolean dropped(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketException e) {
      return true;
    }
  }
}
