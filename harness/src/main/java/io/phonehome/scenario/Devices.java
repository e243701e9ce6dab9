package io.phonehome.scenario;

import org.testng.annotations.DataProvider;

/** The devices of this run's devices.yaml, one scenario run each. */
public final class Devices {
  private Devices() {}

  @DataProvider(name = "devices")
  public static Object[][] names() {
    return LabSession.inventory().devices().stream()
        .map(d -> new Object[] {d.name()})
        .toArray(Object[][]::new);
  }
}
