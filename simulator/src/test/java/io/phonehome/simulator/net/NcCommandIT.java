package io.phonehome.simulator.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.shell.Shell;
import io.phonehome.simulator.state.Identity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** {@code nc} in the handset's shell: what the harness's proxy probe sends from the phone. */
public class NcCommandIT {
  private VirtualHandset handset;

  @BeforeMethod
  public void start() throws IOException {
    handset = new VirtualHandset(new FirmwareProfile(Path.of("nc.yaml"),
        new FirmwareProfile.Build("NC-1", "Acme/nc/nc:9/PQ1A/1:user/release-keys"), Map.of(), Map.of(), List.of()),
        Identity.empty(), 0, 0);
    handset.start();
  }

  @AfterMethod(alwaysRun = true)
  public void stop() {
    handset.close();
  }

  @Test
  public void sends_standard_input_to_a_loopback_port_and_prints_the_answer() throws Exception {
    try (ServerSocket lab = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> answer(lab));

      Shell.Result r = handset.shell().run("echo -ne 'GET http://probe.test/1 HTTP/1.1\\r\\nHost: probe.test\\r\\n\\r\\n'"
          + " | nc -w 5 127.0.0.1 " + lab.getLocalPort());

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      assertThat(new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
          .isEqualTo("GET http://probe.test/1 HTTP/1.1\r\nHost: probe.test\r\n\r\n");
    }
  }

  @Test
  public void zero_address_is_the_phone_itself_where_nothing_listens() {
    Shell.Result r = handset.shell().run("echo x | nc -w 1 0.0.0.0 8080");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("Connection refused");
  }

  @Test
  public void cannot_connect_while_the_network_is_down() {
    handset.runtime().stop();

    Shell.Result r = handset.shell().run("echo x | nc 127.0.0.1 8080");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("Network is unreachable");
  }

  @Test
  public void a_closed_loopback_port_is_refused_and_bad_arguments_say_how_to_call_it() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThat(handset.shell().run("echo x | nc -w 1 127.0.0.1 " + closed).output()).contains("Connection refused");
    assertThat(handset.shell().run("nc 127.0.0.1").output()).contains("usage: nc");
  }

  /** Reads the request head and answers a tiny response, then closes. */
  private static byte[] answer(ServerSocket lab) {
    try (Socket s = lab.accept()) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
      return head.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
