package io.phonehome.simulator.webdriver.ui;

/** What a tap on a view does: flip a setting, open a screen, go back. */
@FunctionalInterface
public interface Action {
  void perform(Ui ui);
}
