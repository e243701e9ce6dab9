package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.shell.FileAccess;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

public class SyncServiceTest {
  private final VirtualFs fs = new VirtualFs();
  private final SyncService sync = new SyncService(fs, new FileAccess());

  /** Builds host requests: four-letter id, little-endian length or value, payload. */
  private static final class Requests {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Requests add(String id, String payload) {
      byte[] p = payload.getBytes(StandardCharsets.UTF_8);
      return add(id, p.length).raw(p);
    }

    Requests add(String id, int value) {
      raw(id.getBytes(StandardCharsets.US_ASCII));
      return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    Requests raw(byte[] b) {
      bytes.write(b, 0, b.length);
      return this;
    }
  }

  private ByteBuffer serve(Requests r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sync.serve(new ByteArrayInputStream(r.bytes.toByteArray()), out);
    return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String id(ByteBuffer b) {
    byte[] id = new byte[4];
    b.get(id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  @Test
  public void send_writes_the_file_with_its_mode_and_answers_okay() throws Exception {
    ByteBuffer reply = serve(new Requests().add("SEND", "/data/local/tmp/ca.pem,33188")
        .add("DATA", "-----BEGIN").add("DATA", " CERT").add("DONE", 1_400_000_000)
        .add("QUIT", 0));

    assertThat(id(reply)).isEqualTo("OKAY");
    VirtualFs.Entry e = fs.read("/data/local/tmp/ca.pem").orElseThrow();
    assertThat(new String(e.content(), StandardCharsets.UTF_8)).isEqualTo("-----BEGIN CERT");
    assertThat(e.mode()).isEqualTo(0644);
  }

  @Test
  public void send_to_system_fails_with_read_only_file_system() throws Exception {
    ByteBuffer reply = serve(new Requests().add("SEND", "/system/x,33188").add("DATA", "x")
        .add("DONE", 0));

    assertThat(id(reply)).isEqualTo("FAIL");
    byte[] msg = new byte[reply.getInt()];
    reply.get(msg);
    assertThat(new String(msg, StandardCharsets.UTF_8))
        .isEqualTo("couldn't create file: Read-only file system");
    assertThat(fs.exists("/system/x")).isFalse();
  }

  @Test
  public void stat_gives_mode_size_and_time_or_zeros_when_missing() throws Exception {
    fs.write("/sdcard/a.txt", "abc".getBytes(), 0640);

    ByteBuffer reply = serve(new Requests().add("STAT", "/sdcard/a.txt")
        .add("STAT", "/sdcard/none").add("STAT", "/sdcard"));

    assertThat(id(reply)).isEqualTo("STAT");
    assertThat(reply.getInt()).isEqualTo(0100640);
    assertThat(reply.getInt()).isEqualTo(3);
    assertThat(reply.getInt()).isPositive();
    assertThat(id(reply)).isEqualTo("STAT");
    assertThat(new int[] {reply.getInt(), reply.getInt(), reply.getInt()}).containsOnly(0);
    assertThat(id(reply)).isEqualTo("STAT");
    assertThat(reply.getInt() & 0170000).isEqualTo(0040000);
  }

  @Test
  public void recv_sends_data_then_done() throws Exception {
    fs.write("/sdcard/a.txt", "hello".getBytes(), 0644);

    ByteBuffer reply = serve(new Requests().add("RECV", "/sdcard/a.txt"));

    assertThat(id(reply)).isEqualTo("DATA");
    byte[] data = new byte[reply.getInt()];
    reply.get(data);
    assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(id(reply)).isEqualTo("DONE");
  }

  @Test
  public void recv_of_a_missing_file_fails() throws Exception {
    ByteBuffer reply = serve(new Requests().add("RECV", "/sdcard/none"));

    assertThat(id(reply)).isEqualTo("FAIL");
  }

  @Test
  public void list_sends_one_dent_per_entry_then_done() throws Exception {
    fs.write("/sdcard/dir/a", "1".getBytes(), 0644);
    fs.write("/sdcard/dir/b", "22".getBytes(), 0644);

    ByteBuffer reply = serve(new Requests().add("LIST", "/sdcard/dir"));

    StringBuilder names = new StringBuilder();
    while (id(reply).equals("DENT")) {
      reply.getInt();
      reply.getInt();
      reply.getInt();
      byte[] name = new byte[reply.getInt()];
      reply.get(name);
      names.append(new String(name, StandardCharsets.UTF_8)).append(' ');
    }
    assertThat(names.toString()).isEqualTo("a b ");
  }
}
