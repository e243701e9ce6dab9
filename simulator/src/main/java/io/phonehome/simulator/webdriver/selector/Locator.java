package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.W3cError;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.List;
import java.util.function.Predicate;

/** The locator strategies of a UiAutomator2 session, applied to one render of the screen. */
public final class Locator {
  private Locator() {}

  /**
   * Finds views by a W3C {@code using}/{@code value} pair under {@code scope} (the whole
   * screen when null), in document order. {@code currentPackage} resolves bare ids.
   */
  public static List<Located> find(String using, String value, RenderedTree tree, Located scope,
      String currentPackage) {
    if (value == null) {
      throw W3cError.invalidArgument("'value' is missing from the find request");
    }
    return switch (using) {
      case "id" -> byId(value, tree, scope, currentPackage);
      case "accessibility id" -> filter(tree, scope, l -> l.node().contentDesc().equals(value));
      case "class name" -> filter(tree, scope, l -> l.node().className().equals(value));
      case "xpath" -> XPathLocator.find(value, tree, scope);
      case "-android uiautomator" -> UiSelectorParser.parse(value).find(tree, scope);
      default -> throw W3cError.invalidSelector("locator strategy '" + using
          + "' is not supported; use id, accessibility id, class name, xpath or -android uiautomator");
    };
  }

  /**
   * A full id ({@code pkg:id/name}) matches exactly; a bare name is tried in the current
   * app's package, then in {@code android}, as UiAutomator2 resolves it.
   */
  private static List<Located> byId(String value, RenderedTree tree, Located scope, String currentPackage) {
    if (value.contains(":id/")) {
      return filter(tree, scope, l -> l.node().resourceId().equals(value));
    }
    List<Located> own = filter(tree, scope, l -> l.node().resourceId().equals(currentPackage + ":id/" + value));
    if (!own.isEmpty()) {
      return own;
    }
    return filter(tree, scope, l -> l.node().resourceId().equals("android:id/" + value));
  }

  private static List<Located> filter(RenderedTree tree, Located scope, Predicate<Located> p) {
    List<Located> candidates = scope == null ? tree.all() : RenderedTree.descendants(scope);
    return candidates.stream().filter(p).toList();
  }
}
