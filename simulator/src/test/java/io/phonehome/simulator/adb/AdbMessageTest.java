package io.phonehome.simulator.adb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.testng.annotations.Test;

public class AdbMessageTest {
  @Test
  public void encodes_a_little_endian_header_with_byte_sum_checksum_and_magic() {
    byte[] bytes = AdbMessage.of(AdbMessage.WRTE, 3, 7, "hi").encode();

    ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes).hasSize(26);
    assertThat(new String(bytes, 0, 4)).isEqualTo("WRTE");
    assertThat(h.getInt(4)).isEqualTo(3);
    assertThat(h.getInt(8)).isEqualTo(7);
    assertThat(h.getInt(12)).isEqualTo(2);
    assertThat(h.getInt(16)).isEqualTo('h' + 'i');
    assertThat(h.getInt(20)).isEqualTo(AdbMessage.WRTE ^ 0xffffffff);
  }

  @Test
  public void decodes_what_it_encodes() throws Exception {
    AdbMessage m = AdbMessage.of(AdbMessage.OPEN, 1, 0, "shell:id\0");

    AdbMessage back = AdbMessage.read(new ByteArrayInputStream(m.encode()), 4096, true);

    assertThat(back).isEqualTo(m);
    assertThat(back.text()).isEqualTo("shell:id");
  }

  @Test
  public void returns_null_at_a_clean_end_of_stream() throws Exception {
    assertThat(AdbMessage.read(new ByteArrayInputStream(new byte[0]), 4096, false)).isNull();
  }

  @Test
  public void rejects_a_header_whose_magic_does_not_match() {
    byte[] bytes = AdbMessage.of(AdbMessage.OKAY, 1, 2, "").encode();
    bytes[20] ^= 1;

    assertThatThrownBy(() -> AdbMessage.read(new ByteArrayInputStream(bytes), 4096, false))
        .isInstanceOf(AdbProtocolException.class).hasMessageContaining("bad magic");
  }

  @Test
  public void rejects_an_unknown_command_even_with_a_matching_magic() {
    byte[] bytes = new AdbMessage(0x58585858, 0, 0, null).encode();

    assertThatThrownBy(() -> AdbMessage.read(new ByteArrayInputStream(bytes), 4096, false))
        .isInstanceOf(AdbProtocolException.class).hasMessageContaining("unknown command");
  }

  @Test
  public void rejects_data_longer_than_the_limit() {
    byte[] bytes = new AdbMessage(AdbMessage.WRTE, 1, 1, new byte[5000]).encode();

    assertThatThrownBy(() -> AdbMessage.read(new ByteArrayInputStream(bytes), 4096, false))
        .isInstanceOf(AdbProtocolException.class).hasMessageContaining("more than the 4096");
  }

  @Test
  public void rejects_a_truncated_message() {
    byte[] bytes = AdbMessage.of(AdbMessage.WRTE, 1, 1, "hello").encode();
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);

    assertThatThrownBy(() -> AdbMessage.read(new ByteArrayInputStream(cut), 4096, false))
        .isInstanceOf(AdbProtocolException.class).hasMessageContaining("truncated");
  }

  @Test
  public void checks_the_checksum_only_when_asked() throws Exception {
    byte[] bytes = AdbMessage.of(AdbMessage.WRTE, 1, 1, "hello").encode();
    bytes[16] = 0;

    assertThat(AdbMessage.read(new ByteArrayInputStream(bytes), 4096, false).text())
        .isEqualTo("hello");
    assertThatThrownBy(() -> AdbMessage.read(new ByteArrayInputStream(bytes), 4096, true))
        .isInstanceOf(AdbProtocolException.class).hasMessageContaining("checksum");
  }

  @Test
  public void names_commands_by_their_four_letters() {
    assertThat(AdbMessage.name(AdbMessage.CNXN)).isEqualTo("CNXN");
    assertThat(AdbMessage.name(0x01020304)).isEqualTo("0x01020304");
  }
}
