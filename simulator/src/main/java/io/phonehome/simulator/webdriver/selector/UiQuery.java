package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.List;

/** A parsed {@code -android uiautomator} expression: finds views under a scope. */
public interface UiQuery {
  /** Matches in document order among the descendants of {@code scope} (the whole tree when null). */
  List<Located> find(RenderedTree tree, Located scope);
}
