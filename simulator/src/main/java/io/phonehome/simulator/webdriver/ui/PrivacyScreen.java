package io.phonehome.simulator.webdriver.ui;

import io.phonehome.simulator.state.Settings;
import java.util.Map;

/**
 * Settings &gt; Privacy: one switch per entry of the firmware's privacy switches, in
 * profile order. Each switch shows its setting as it is when rendered, so a change made
 * over adb shows at once; a tap writes 0 or 1.
 */
public final class PrivacyScreen implements Screen {
  @Override
  public String packageName() {
    return SettingsScreen.PACKAGE;
  }

  @Override
  public String activity() {
    return ".Settings$PrivacySettingsActivity";
  }

  @Override
  public Node render(Ui ui) {
    Settings settings = ui.state().settings();
    ListLayout layout = new ListLayout(SettingsScreen.PACKAGE, "Privacy");
    for (Map.Entry<String, String> sw : ui.state().firmware().privacySwitches().entrySet()) {
      String key = sw.getValue();
      boolean on = isOn(settings.get(key));
      layout.switchRow(sw.getKey(), on, u -> u.state().settings().put(key, isOn(settings.get(key)) ? "0" : "1"));
    }
    return layout.build();
  }

  private static boolean isOn(String value) {
    return "1".equals(value);
  }
}
