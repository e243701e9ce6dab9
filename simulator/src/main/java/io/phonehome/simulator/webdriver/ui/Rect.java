package io.phonehome.simulator.webdriver.ui;

/** A view's bounds in screen pixels, right and bottom exclusive, as UiAutomator reports them. */
public record Rect(int left, int top, int right, int bottom) {
  public Rect {
    if (right < left || bottom < top) {
      throw new IllegalArgumentException("empty rect [" + left + "," + top + "][" + right + "," + bottom + "]");
    }
  }

  public int width() {
    return right - left;
  }

  public int height() {
    return bottom - top;
  }

  /** UiAutomator's notation: {@code [x1,y1][x2,y2]}. */
  @Override
  public String toString() {
    return "[" + left + "," + top + "][" + right + "," + bottom + "]";
  }
}
