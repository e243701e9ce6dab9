package io.phonehome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;

/**
 * The farm figures, tiny: one, then two virtual handsets driven directly, a 3 s watch.
 * Every figure comes out for both rows, and nothing of the runs is left running: no
 * handset, proxy or harness, and none of the adb servers the runs started.
 */
public class FarmBenchIT {
  @Test
  public void a_tiny_farm_run_prints_every_figure_and_leaves_nothing_running() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Bench.run(new String[] {"--farm", "2", "--via", "direct", "--observe", "3s"},
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(out);

    assertThat(code).as(out).isZero();
    String figures = out.substring(out.indexOf("figures:"));
    for (int n : new int[] {1, 2}) {
      assertThat(figures).as("N=%d", n).containsPattern("farm direct " + n + " +wall \\d+\\.\\d s \\("
          + (n == 1 ? "1\\.00x" : "\\d+\\.\\d\\dx") + " one handset's\\), exit 1; harness JVM (\\d+\\.\\d) s CPU,"
          + " (\\d+) MB peak RSS \\(per device \\d+\\.\\d\\d s, \\d+ MB\\); whole tree \\d+\\.\\d s CPU");
    }
    assertThat(figures).doesNotContain("harness JVM 0.0 s CPU", " 0 MB peak RSS", "FAILED", "LEFT RUNNING");
    assertThat(figures).containsPattern("farm direct 2 .*handsets [1-9]\\d*\\.\\d, mitmdump \\d+\\.\\d");
    assertThat(out).containsPattern("(?m)^  direct +1 +\\d+\\.\\d +1\\.00 \\|")
        .containsPattern("(?m)^  direct +2 +\\d+\\.\\d +\\d\\.\\d\\d \\|");
    assertThat(out.strip()).endsWith("direct not measured at 8 (largest N 2: "
        + ratio(figures) + "x)");

    Matcher work = Pattern.compile("working in (\\S+)").matcher(out);
    assertThat(work.find()).isTrue();
    assertThat(Path.of(work.group(1))).as("the bench's folder, deleted").doesNotExist();
    assertThat(processesMentioning(work.group(1))).as("processes of the runs left running").isEmpty();
    Matcher port = Pattern.compile("adb server port (\\d+)").matcher(out);
    List<String> ports = new ArrayList<>();
    while (port.find()) {
      ports.add(port.group(1));
    }
    assertThat(ports).as("an adb server per run").hasSize(2).doesNotHaveDuplicates();
    for (String p : ports) {
      assertThat(processesMentioning("tcp:" + p + " fork-server")).as("adb server on port %s", p).isEmpty();
    }
  }

  private static String ratio(String figures) {
    Matcher m = Pattern.compile("farm direct 2 +wall \\S+ s \\((\\d+\\.\\d\\d)x").matcher(figures);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static List<ProcessHandle> processesMentioning(String text) {
    return ProcessHandle.allProcesses()
        .filter(ph -> ph.info().commandLine().map(c -> c.contains(text)).orElse(false))
        .filter(ph -> ph.pid() != ProcessHandle.current().pid())
        .filter(ProcessHandle::isAlive)
        .toList();
  }
}
