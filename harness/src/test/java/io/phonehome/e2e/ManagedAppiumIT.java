package io.phonehome.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.lifecycle.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The example farm lab ({@code examples/farm.yaml}): two current virtual handsets driven
 * as farm phones, side by side. {@code lab.appium: managed} installs a real Appium 3
 * server with the UiAutomator2 driver from the npm registry (once, under {@code
 * .phonehome/appium/}) and starts it on loopback, {@code lab.grid: managed} puts a Selenium Grid 4 hub with a relay node per phone in front of
 * it, and each handset's opt-out goes through the hub, the server and adb. The leaky
 * build fails, the clean one passes, the logs show both sessions, and nothing is left
 * running. The example's own file is run, so the example cannot rot.
 */
public class ManagedAppiumIT {
  @Test
  public void the_smoke_suite_runs_on_two_farm_phones_through_a_managed_grid_and_appium_server() throws Exception {
    if (Program.NODE.onPath().isEmpty() || Program.NPM.onPath().isEmpty()) {
      throw new SkipException("node and npm are needed for lab.appium: managed (./phonehome test installs them)");
    }
    Path root = HarnessProcess.root();
    Path dir = Files.createTempDirectory("phonehome-farm-appium");
    Path out = dir.resolve("out");

    HarnessProcess.Result r = HarnessProcess.run(900, "run", "--devices", root.resolve("examples/farm.yaml").toString(),
        "--suite", root.resolve("suites/smoke.xml").toString(), "--out", out.toString());

    assertThat(r.exitCode()).as("exit 1: the leaky farm phone uploaded\n%s", r.output()).isEqualTo(1);
    assertThat(r.output()).contains("FAILED   farm-vela-2026", "PASSED   farm-vela-fixed", "testing 2 devices at once",
        "lab: Appium 3.8.0 (UiAutomator2 8.7.0) on http://127.0.0.1:", "lab: Selenium Grid hub on http://127.0.0.1:",
        "[farm-vela-2026] relayed by grid node", "[farm-vela-fixed] relayed by grid node");
    Path log = out.resolve("lab/appium.log");
    assertThat(log).as("the managed server's log").isRegularFile();
    String appium = Files.readString(log);
    assertThat(appium).as("a session per phone through the real server")
        .contains("POST /session").contains("UiAutomator2");
    for (String grid : new String[] {"grid-hub.log", "grid-node-1.log", "grid-node-2.log"}) {
      assertThat(out.resolve("lab").resolve(grid)).as("the managed grid's %s", grid).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("lab/grid-hub.log"))).as("sessions created through the hub")
        .contains("Session created");
    assertThat(NightlySuiteIT.validFindings(out.resolve("findings.json")).findValuesAsText("identifier"))
        .contains("imei", "iccid", "imsi");
    assertThat(HarnessProcess.processesMentioning(out.toString()).stream().filter(ProcessHandle::isAlive))
        .as("processes of the run left running").isEmpty();
    assertThat(HarnessProcess.processesMentioning(root.resolve(".phonehome/appium").toString()).stream()
        .filter(ProcessHandle::isAlive))
        .as("the managed Appium server stopped").isEmpty();
  }
}
