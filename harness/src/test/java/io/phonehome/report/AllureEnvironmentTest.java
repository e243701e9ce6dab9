package io.phonehome.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.testng.annotations.Test;

public class AllureEnvironmentTest {
  @Test
  public void entries_are_added_to_the_results_environment_and_read_back_as_given() throws Exception {
    Path results = Files.createTempDirectory("allure-env").resolve("allure-results");
    AllureReport.environment(results, Map.of("lab", "bench 3"));

    AllureReport.environment(results, Map.of("phone not restored: pixel-7", "proxy setting not undone: offline; a=b"));

    Properties read = new Properties();
    try (Reader in = Files.newBufferedReader(results.resolve("environment.properties"), StandardCharsets.UTF_8)) {
      read.load(in);
    }
    assertThat(read).containsEntry("lab", "bench 3")
        .containsEntry("phone not restored: pixel-7", "proxy setting not undone: offline; a=b");
  }

  @Test
  public void nothing_to_add_writes_no_file() throws Exception {
    Path results = Files.createTempDirectory("allure-env");
    AllureReport.environment(results, Map.of());
    assertThat(results.resolve("environment.properties")).doesNotExist();
  }

  @Test
  public void a_device_restored_at_last_is_no_longer_named() {
    RunRecorder recorder = new RunRecorder();
    recorder.unrestored("a", List.of("lab CA not undone: offline"));
    recorder.unrestored("b", List.of("proxy setting not undone: offline"));
    recorder.unrestored("a", List.of());

    assertThat(recorder.unrestored()).containsOnlyKeys("b");
    assertThat(new RunRecorder().unrestored()).as("another run's recorder").isEmpty();
  }
}
