package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class BridgeLinesTest {

  /** Hands out at most {@code chunk} bytes per read, as a socket may. */
  private static InputStream trickle(String text, int chunk) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static List<String> lines(InputStream in) throws IOException {
    BridgeListener.Lines lines = new BridgeListener.Lines(in);
    List<String> out = new ArrayList<>();
    while (lines.next()) {
      out.add(lines.text());
    }
    return out;
  }

  @Test
  public void splits_lines_that_arrive_in_pieces_and_several_per_read() throws Exception {
    String text = "{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":\"caf\u00e9\"}\n";

    assertThat(lines(trickle(text, 3))).containsExactly("{\"a\":1}", "{\"b\":2}", "",
        "{\"c\":\"caf\u00e9\"}");
    assertThat(lines(trickle(text, 1 << 20))).containsExactly("{\"a\":1}", "{\"b\":2}", "",
        "{\"c\":\"caf\u00e9\"}");
  }

  @Test
  public void keeps_a_line_longer_than_its_buffer_whole() throws Exception {
    String big = "x".repeat(300_000);

    assertThat(lines(trickle("a\n" + big + "\nb\n", 70_000))).containsExactly("a", big, "b");
  }

  @Test
  public void gives_a_last_line_without_newline() throws Exception {
    assertThat(lines(trickle("a\nb", 1))).containsExactly("a", "b");
    assertThat(lines(trickle("", 1))).isEmpty();
  }
}
