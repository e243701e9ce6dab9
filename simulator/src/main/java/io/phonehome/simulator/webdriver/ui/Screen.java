package io.phonehome.simulator.webdriver.ui;

/**
 * One screen of an app. A screen renders its whole view tree on demand, reading the
 * handset's state at that moment, and keeps only what the user typed into it.
 */
public interface Screen {
  /** The app the screen belongs to, as {@code mobile: getCurrentPackage} reports it. */
  String packageName();

  /** The activity shown, e.g. {@code .Settings$PrivacySettingsActivity}. */
  String activity();

  /** The view tree, from the full-screen root frame down; bounds are absolute. */
  Node render(Ui ui);
}
