package io.phonehome.scenario;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testng.annotations.Test;

/**
 * A scenario for {@link RunTest} that touches no phone: it looks up the run of its suite
 * and notes the devices that run names. Not named like a test, so that only RunTest runs it.
 */
public class RunProbe {
  /** Per run folder and device, the devices of the run the probe found. */
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  @Test(dataProvider = "devices", dataProviderClass = Devices.class)
  public void probe(String device) {
    Run run = Run.current();
    SEEN.put(run.runDir().getFileName() + "/" + device,
        run.inventory().devices().stream().map(d -> d.name()).toList());
  }
}
