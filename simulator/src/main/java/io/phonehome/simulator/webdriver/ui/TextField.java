package io.phonehome.simulator.webdriver.ui;

/**
 * The text an editable view holds. A screen keeps its fields across renders, so what a
 * test typed stays in the box until the screen is left.
 */
public final class TextField {
  private final String hint;
  private final boolean password;
  private String value = "";

  public TextField(String hint, boolean password) {
    this.hint = hint;
    this.password = password;
  }

  public synchronized String value() {
    return value;
  }

  public synchronized void set(String text) {
    value = text;
  }

  public synchronized void append(String text) {
    value = value + text;
  }

  public String hint() {
    return hint;
  }

  public boolean password() {
    return password;
  }
}
