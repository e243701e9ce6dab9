package io.phonehome.simulator.webdriver;

import io.phonehome.simulator.webdriver.ui.Action;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.Rect;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;
import java.util.Optional;

/** Where a tap lands and which view handles it, as Android dispatches touches. */
final class Taps {
  private Taps() {}

  /** The view handles the tap, or its nearest ancestor that handles taps; a disabled view eats it. */
  static void tap(Located target, Ui ui) {
    for (Located at = target; at != null; at = at.parent()) {
      if (!at.node().enabled()) {
        return;
      }
      Optional<Action> action = at.node().onClick();
      if (action.isPresent()) {
        action.get().perform(ui);
        return;
      }
    }
  }

  /** A tap at screen coordinates goes to the deepest view under the finger. */
  static void tapAt(int x, int y, Ui ui) {
    RenderedTree tree = ui.render();
    List<Located> all = tree.all();
    for (int i = all.size() - 1; i >= 0; i--) {
      Rect r = all.get(i).node().bounds();
      if (x >= r.left() && x < r.right() && y >= r.top() && y < r.bottom()) {
        tap(all.get(i), ui);
        return;
      }
    }
  }
}
