package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.state.PhoneState;

/** Settings &gt; About phone: model, Android version and build number, from the firmware. */
final class AboutPhoneScreen implements Screen {
  @Override
  public String packageName() {
    return SettingsScreen.PACKAGE;
  }

  @Override
  public String activity() {
    return ".DeviceInfoSettings";
  }

  @Override
  public Node render(Ui ui) {
    PhoneState s = ui.state();
    return new ListLayout(SettingsScreen.PACKAGE, "About phone")
        .textRow("Model number", s.getprop("ro.product.model"))
        .textRow("Android version", s.getprop("ro.build.version.release"))
        .textRow("Build number", s.getprop("ro.build.display.id"))
        .build();
  }
}
