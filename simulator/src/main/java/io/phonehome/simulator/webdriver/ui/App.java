package io.phonehome.simulator.webdriver.ui;

import java.util.function.Function;

/** An installed app the launcher shows: its package, icon label and first screen. */
public record App(String packageName, String label, Function<Ui, Screen> launch) {}
