package io.phonehome.simulator.webdriver.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One render of the current screen, tagged with the generation it was made under. */
public record RenderedTree(Node root, long generation) {
  public Located rootLocated() {
    return new Located(root, "0", null);
  }

  /** Every node in document order, the root first. */
  public List<Located> all() {
    List<Located> out = new ArrayList<>();
    collect(rootLocated(), out);
    return out;
  }

  /** The descendants of {@code scope} in document order, {@code scope} excluded. */
  public static List<Located> descendants(Located scope) {
    List<Located> out = new ArrayList<>();
    for (int i = 0; i < scope.node().children().size(); i++) {
      collect(scope.child(i), out);
    }
    return out;
  }

  public Optional<Located> byPath(String path) {
    String[] parts = path.split("/");
    if (parts.length == 0 || !parts[0].equals("0")) {
      return Optional.empty();
    }
    Located at = rootLocated();
    for (int i = 1; i < parts.length; i++) {
      int index;
      try {
        index = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (index < 0 || index >= at.node().children().size()) {
        return Optional.empty();
      }
      at = at.child(index);
    }
    return Optional.of(at);
  }

  private static void collect(Located at, List<Located> out) {
    out.add(at);
    for (int i = 0; i < at.node().children().size(); i++) {
      collect(at.child(i), out);
    }
  }
}
