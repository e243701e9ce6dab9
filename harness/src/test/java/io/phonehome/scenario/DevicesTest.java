package io.phonehome.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.Inventory;
import io.phonehome.device.InventoryParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;
import org.testng.xml.XmlSuite;

public class DevicesTest {
  @Test
  public void a_suite_is_copied_once_per_device_in_device_order_each_naming_its_device() throws Exception {
    Path dir = Files.createTempDirectory("devices-suites");
    Path devices = dir.resolve("devices.yaml");
    Files.writeString(dir.resolve("a.yaml"), "");
    Files.writeString(dir.resolve("b.yaml"), "");
    Files.writeString(devices, """
        devices:
          - name: second-by-name
            virtual: { firmware: a.yaml }
          - name: a-first
            virtual: { firmware: b.yaml }
        """);
    Path suiteFile = dir.resolve("smoke.xml");
    Files.writeString(suiteFile, """
        <!DOCTYPE suite SYSTEM "https://testng.org/testng-1.0.dtd">
        <suite name="smoke">
          <parameter name="kept" value="yes"/>
          <test name="opt-out-cloud">
            <classes><class name="io.phonehome.scenario.OptOutCloudTest"/></classes>
          </test>
        </suite>
        """);
    Inventory inventory = InventoryParser.parse(devices);

    List<XmlSuite> suites = Devices.perDevice(suiteFile, inventory);

    assertThat(suites).extracting(XmlSuite::getName)
        .containsExactly("smoke [second-by-name]", "smoke [a-first]");
    assertThat(suites).extracting(s -> s.getParameter(Devices.PARAMETER))
        .containsExactly("second-by-name", "a-first");
    assertThat(suites).allSatisfy(s -> {
      assertThat(s.getParameter("kept")).isEqualTo("yes");
      assertThat(s.getTests()).singleElement().satisfies(t -> assertThat(t.getName()).isEqualTo("opt-out-cloud"));
    });
    // separate objects: TestNG runs the copies side by side
    assertThat(suites.get(0).getTests().get(0)).isNotSameAs(suites.get(1).getTests().get(0));
  }
}
