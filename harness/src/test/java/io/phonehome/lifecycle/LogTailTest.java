package io.phonehome.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.testng.annotations.Test;

public class LogTailTest {

  @Test
  public void keeps_the_last_lines_of_a_long_log_without_a_cut_first_line() throws IOException {
    Path log = Files.createTempFile("mitmdump", ".log");
    try {
      Files.writeString(log, IntStream.range(0, 5000).mapToObj(i -> "line " + i + " of the log")
          .collect(Collectors.joining("\n", "", "\n\n")));

      assertThat(LogTail.of(log, 3))
          .containsExactly("line 4997 of the log", "line 4998 of the log", "line 4999 of the log");
      assertThat(LogTail.of(log, 10_000)).allMatch(l -> l.startsWith("line "));
    } finally {
      Files.delete(log);
    }
  }

  @Test
  public void is_empty_for_a_log_that_was_never_written() {
    assertThat(LogTail.of(Path.of("/nonexistent/mitmdump.log"), 5)).isEmpty();
  }
}
