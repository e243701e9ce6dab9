package io.phonehome.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.InventoryParser;
import io.phonehome.report.RunRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.TestNG;
import org.testng.annotations.Test;

/**
 * Two runs in one JVM, each testing two devices side by side through real TestNG: every
 * suite copy finds its own run, and no device's outcome lands in the other run.
 */
public class RunTest {
  @Test
  public void each_run_keeps_its_own_lab_and_recorder_while_its_devices_run_side_by_side() throws Exception {
    Path dir = Files.createTempDirectory("runs");
    Path suite = dir.resolve("probe.xml");
    Files.writeString(suite, """
        <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
        <suite name="probe">
          <test name="probe"><classes><class name="io.phonehome.scenario.RunProbe"/></classes></test>
        </suite>
        """);
    RunRecorder first = runOn(dir, "first", suite, "a1", "a2");
    RunRecorder second = runOn(dir, "second", suite, "b1", "b2");

    assertThat(first.entries()).extracting(RunRecorder.Entry::device).containsExactlyInAnyOrder("a1", "a2");
    assertThat(second.entries()).extracting(RunRecorder.Entry::device).containsExactlyInAnyOrder("b1", "b2");
    assertThat(first.entries()).extracting(RunRecorder.Entry::outcome).containsOnly(RunRecorder.Outcome.PASSED);
    assertThat(RunProbe.SEEN).containsOnlyKeys("first/a1", "first/a2", "second/b1", "second/b2");
    assertThat(RunProbe.SEEN.get("first/a2")).containsExactly("a1", "a2");
    assertThat(RunProbe.SEEN.get("second/b1")).containsExactly("b1", "b2");
    assertThat(first.exitCode()).isZero();
  }

  private static RunRecorder runOn(Path dir, String name, Path suite, String... devices) throws Exception {
    StringBuilder yaml = new StringBuilder("devices:\n");
    for (String d : devices) {
      yaml.append("  - { name: ").append(d).append(", serial: ").append(d)
          .append(", appium: http://127.0.0.1:4723 }\n");
    }
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    try (Run run = new Run(dir, InventoryParser.parse(file), dir.resolve(name))) {
      TestNG testng = new TestNG();
      testng.setUseDefaultListeners(false);
      testng.setVerbose(0);
      testng.setOutputDirectory(dir.resolve(name + "-testng").toString());
      testng.addListener(run.binder());
      testng.addListener(new PhonehomeListener());
      testng.setXmlSuites(Devices.perDevice(suite, run.inventory()));
      testng.setSuiteThreadPoolSize(devices.length);
      testng.run();
      assertThat(run.labIfStarted()).as("no test asked for a phone").isEmpty();
      return run.recorder();
    }
  }
}
