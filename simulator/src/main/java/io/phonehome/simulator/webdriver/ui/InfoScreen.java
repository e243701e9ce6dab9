package io.phonehome.simulator.webdriver.ui;

/** A Settings page the handset has nothing to show on but its title. */
final class InfoScreen implements Screen {
  private final String title;
  private final String activity;

  InfoScreen(String title, String activity) {
    this.title = title;
    this.activity = activity;
  }

  @Override
  public String packageName() {
    return SettingsScreen.PACKAGE;
  }

  @Override
  public String activity() {
    return activity;
  }

  @Override
  public Node render(Ui ui) {
    return new ListLayout(SettingsScreen.PACKAGE, title).build();
  }
}
