package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

public class BrotliHeaderTest {
  /** Python's brotli.compress at qualities 0 to 11 and windows 10 to 24, base64. */
  private static final List<String> ENCODER_OUTPUT = List.of(
      "gwmAaW1laT04NjEyMzQ1Njc4OTAxMjMD",
      "MAEQaW1laT04NjEyMzQ1Njc4OTAxMjMD",
      "iwmAaW1laT04NjEyMzQ1Njc4OTAxMjMD",
      "jwmAaW1laT04NjEyMzQ1Njc4OTAxMjMD",
      "gziAeyJpbWVpIjogIjg2MTIzNDU2Nzg5MDEyMyIsICJuIjogIis4ODY5MTIzNDU2NzgiLCAiY29udGFjdHMiOiBbIis4ODY5MjIwMDAxMTEiLCAiKzg4NjkyMjAwMDExMSIsICIrODg2OTIyMDAwMTExIl19Aw==",
      "Ig4AgFjdSvVmK8EezpGqEQXBl48/75QTDwzbkjDhlthB5OAxvFfKw+Px/HDuPhgCN2ou1Zr3RM2IgqdbcLcOpWF9MWTa+kSQvIRZPw==",
      "G3EAYBwFbizPI6MuR39vdIQkswmy15ciW2kqt9RVwrZz/1MXRTzgtn0SSskXlaLRhQsm5JbfXRFO2Vy+I0FZG3xFj/Bkk/YLTIAEgORkegY=",
      "H3EAYBwFbizPI6MuR39vdIQkswmy15ciW2kqt9RVwrZz/1MXRTzgtn0SSskXlaLRhQsm5JbfXRFO2Vy+I0FZG3xFj/Bkk/YLTIAEgORkegY=",
      "gzgAAICqqqrq/3QV4KvZQVjUTExUT1cDOxgo2EEPpnYwvRmYTu5tAVN0vOABD5J6gsEBnAk8P7T7aiiCcFpaVt8iKy1hFvQGTxGec0+569PHWceLIjuOCjNVJQk2Usc/",
      "4qkAgEDYLfXPgm3MaF1wTlWcSsjBCiw8NoNLYp25HJ1wUSvVW/QsavwF",
      "G08F+J0HdsNyAxYocXvNqUXS9vo2TtqaHTcYW9/tELCrrC1MjBgAncmbszwaVFbPXoCyAw==",
      "H08F+J0HdsNyAxYocXvNqUXS9vo2TtqaHTcYW9/tELCrrC1MjBgAncmbszwaVFbPXoCyAw==",
      "g6cCAICqqqrq/3Snsx5URHQRldtdDwoKetWLgsIBXPxKEymusMGYZ0TFYxNcEuvMReBN1Ept3UcWNf67Lsc=");

  @Test
  public void passes_what_real_encoders_and_uncompressed_blocks_write() throws IOException {
    for (String sample : ENCODER_OUTPUT) {
      byte[] bytes = Base64.getDecoder().decode(sample);
      assertThat(Decoding.unbrotli(bytes, 1 << 20).bytes()).as("decodable: %s", sample).isNotEmpty();
      assertThat(BrotliGuess.plausible(Bytes.latin1(bytes))).as(sample).isTrue();
    }
    for (int size : new int[] {1, 15, 300, 70_000}) {
      assertThat(BrotliGuess.plausible(Bytes.latin1(BrotliWriter.encode(new byte[size])))).as("size %d", size).isTrue();
    }
  }

  @Test
  public void turns_away_only_bytes_a_decoder_would_turn_away_too() {
    Random random = new Random(11);
    int turnedAway = 0;
    int rounds = 20_000;
    for (int round = 0; round < rounds; round++) {
      byte[] bytes = new byte[1 + random.nextInt(round % 2 == 0 ? 12 : 400)];
      random.nextBytes(bytes);
      if (!BrotliGuess.plausible(Bytes.latin1(bytes))) {
        turnedAway++;
        assertThat(decodesToSomething(bytes)).as("turned away, yet a decoder reads: %s",
            Base64.getEncoder().encodeToString(bytes)).isFalse();
      }
    }
    // the headers up to the first prefix code turn away most random bytes
    assertThat(turnedAway).as("half of them are at most 12 bytes, too short to tell").isGreaterThan(rounds * 65 / 100);
  }

  @Test
  public void turns_away_an_empty_stream_and_a_reserved_window() {
    assertThat(BrotliGuess.plausible("\u0006")).as("ISLAST, ISLASTEMPTY").isFalse();
    // WBITS bits 1, 000, 001: the reserved large-window code
    assertThat(BrotliGuess.plausible("\u0011\u0000\u0000\u0000")).isFalse();
  }

  private static boolean decodesToSomething(byte[] bytes) {
    try {
      return Decoding.unbrotli(bytes, 1 << 20).bytes().length > 0;
    } catch (IOException | RuntimeException notBrotli) {
      return false;
    }
  }
}
