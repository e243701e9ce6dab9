package io.phonehome.simulator.webdriver.ui;

/** The Settings app's main list. */
public final class SettingsScreen implements Screen {
  public static final String PACKAGE = "com.android.settings";

  @Override
  public String packageName() {
    return PACKAGE;
  }

  @Override
  public String activity() {
    return ".Settings";
  }

  @Override
  public Node render(Ui ui) {
    return new ListLayout(PACKAGE, "Settings")
        .navigationRow("Wi-Fi", "", u -> u.open(new InfoScreen("Wi-Fi", ".wifi.WifiSettings")))
        .navigationRow("Bluetooth", "", u -> u.open(new InfoScreen("Bluetooth", ".bluetooth.BluetoothSettings")))
        .navigationRow("Display", "", u -> u.open(new InfoScreen("Display", ".DisplaySettings")))
        .navigationRow("Privacy", "", u -> u.open(new PrivacyScreen()))
        .navigationRow("About phone", "", u -> u.open(new AboutPhoneScreen()))
        .build();
  }
}
