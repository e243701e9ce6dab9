package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/** Android's {@code UiSelector}: criteria on one view, an instance number, child and parent hops. */
final class UiSelector implements UiQuery {
  private final List<Predicate<Located>> criteria = new ArrayList<>();
  private Integer instance;
  private UiSelector child;
  private UiSelector fromParent;

  void require(Predicate<Located> criterion) {
    criteria.add(criterion);
  }

  void instance(int n) {
    instance = n;
  }

  void childSelector(UiSelector s) {
    child = s;
  }

  void fromParent(UiSelector s) {
    fromParent = s;
  }

  @Override
  public List<Located> find(RenderedTree tree, Located scope) {
    List<Located> candidates = scope == null ? tree.all() : RenderedTree.descendants(scope);
    List<Located> matches = new ArrayList<>();
    for (Located l : candidates) {
      if (criteria.stream().allMatch(c -> c.test(l))) {
        matches.add(l);
      }
    }
    if (instance != null) {
      matches = instance < matches.size() ? List.of(matches.get(instance)) : List.of();
    }
    if (child != null) {
      matches = hop(matches, m -> child.find(tree, m));
    }
    if (fromParent != null) {
      matches = hop(matches, m -> m.parent() == null ? List.of() : fromParent.find(tree, m.parent()));
    }
    return matches;
  }

  private static List<Located> hop(List<Located> from, java.util.function.Function<Located, List<Located>> step) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<Located> out = new ArrayList<>();
    for (Located m : from) {
      for (Located l : step.apply(m)) {
        if (seen.add(l.path())) {
          out.add(l);
        }
      }
    }
    return out;
  }
}
