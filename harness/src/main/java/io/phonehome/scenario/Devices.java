package io.phonehome.scenario;

import io.phonehome.device.DeviceSpec;
import io.phonehome.device.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testng.ITestContext;
import org.testng.annotations.DataProvider;
import org.testng.xml.SuiteXmlParser;
import org.testng.xml.XmlSuite;

/**
 * The devices of this run's devices.yaml, one scenario run each. A run tests its devices
 * side by side: the suite is copied once per device ({@link #perDevice}), each copy
 * naming its device in the suite parameter {@link #PARAMETER}, and TestNG runs up to
 * {@code lab.parallel} copies at once, each one's tests in the suite's order.
 */
public final class Devices {
  /** The suite parameter naming the one device a suite copy runs on. */
  public static final String PARAMETER = "phonehome.device";

  private Devices() {}

  @DataProvider(name = "devices")
  public static Object[][] names(ITestContext context) {
    String one = context.getSuite().getParameter(PARAMETER);
    return Run.of(context.getSuite()).inventory().devices().stream()
        .map(DeviceSpec::name)
        .filter(name -> one == null || one.equals(name))
        .map(name -> new Object[] {name})
        .toArray(Object[][]::new);
  }

  /**
   * The suite in {@code file}, once per device of {@code inventory}, in device order:
   * {@code smoke [virtual-leaky]}, {@code smoke [virtual-clean]}.
   */
  public static List<XmlSuite> perDevice(Path file, Inventory inventory) throws IOException {
    List<XmlSuite> copies = new ArrayList<>();
    for (DeviceSpec device : inventory.devices()) {
      // parsed afresh for each device: TestNG's suite objects are not safe to share
      XmlSuite suite;
      try (InputStream in = Files.newInputStream(file)) {
        suite = new SuiteXmlParser().parse(file.toString(), in, false);
      }
      suite.setName(suite.getName() + " [" + device.name() + "]");
      Map<String, String> parameters = new java.util.LinkedHashMap<>(suite.getParameters());
      parameters.put(PARAMETER, device.name());
      suite.setParameters(parameters);
      copies.add(suite);
    }
    return copies;
  }

  /** The device a suite copy of {@link #perDevice} runs on; null for a suite of every device. */
  static String of(org.testng.ISuite suite) {
    return suite.getParameter(PARAMETER);
  }
}
