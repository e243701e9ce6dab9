package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.List;

/**
 * Android's {@code UiScrollable}. Every view of the handset's screens is laid out at once,
 * so scrolling a view into sight is finding it; without a scroll call it names the
 * scrollable container itself.
 */
final class UiScrollable implements UiQuery {
  private final UiSelector container;
  private UiQuery target;

  UiScrollable(UiSelector container) {
    this.container = container;
  }

  void scrollTo(UiQuery t) {
    target = t;
  }

  @Override
  public List<Located> find(RenderedTree tree, Located scope) {
    if (target == null) {
      return container.find(tree, scope);
    }
    List<Located> found = target.find(tree, scope);
    return found.isEmpty() ? List.of() : List.of(found.get(0));
  }
}
