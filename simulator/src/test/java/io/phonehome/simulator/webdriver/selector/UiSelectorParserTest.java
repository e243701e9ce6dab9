package io.phonehome.simulator.webdriver.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.simulator.webdriver.W3cError;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import io.phonehome.simulator.webdriver.ui.Screens;
import java.util.List;
import org.testng.annotations.Test;

public class UiSelectorParserTest {
  private final RenderedTree tree = Screens.onPrivacy().render();

  private List<Located> find(String expression) {
    return UiSelectorParser.parse(expression).find(tree, null);
  }

  private static List<String> texts(List<Located> found) {
    return found.stream().map(l -> l.node().text()).toList();
  }

  @Test
  public void text_and_resource_id_chain_finds_the_title() {
    assertThat(texts(find("new UiSelector().text(\"Privacy\").resourceId(\"android:id/action_bar_title\")")))
        .containsExactly("Privacy");
  }

  @Test
  public void description_class_name_and_checkable_find_a_switch() {
    List<Located> found = find("new UiSelector().className(\"android.widget.Switch\").checkable(true)"
        + ".description(\"" + Screens.CLOUD_SYNC + "\")");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).node().checked()).isTrue();
  }

  @Test
  public void text_contains_starts_with_and_matches() {
    assertThat(texts(find("new UiSelector().textContains(\"experience\")"))).containsExactly(Screens.EXPERIENCE);
    assertThat(texts(find("new UiSelector().textStartsWith(\"Cloud\")"))).containsExactly(Screens.CLOUD_SYNC);
    assertThat(texts(find("new UiSelector().textMatches(\"Send .*\")"))).containsExactly(Screens.DIAGNOSTICS);
  }

  @Test
  public void escaped_quotes_in_strings_are_unescaped() {
    assertThat(find("new UiSelector().description(\"Send \\\"diagnostics\\\" <!DOCTYPE x>\")")).hasSize(1);
  }

  @Test
  public void checked_false_and_instance_pick_among_matches() {
    assertThat(find("new UiSelector().className(\"android.widget.Switch\").checked(false)")).hasSize(1);
    List<Located> second = find("new UiSelector().resourceId(\"android:id/switch_widget\").instance(1)");
    assertThat(second.get(0).node().contentDesc()).isEqualTo(Screens.EXPERIENCE);
  }

  @Test
  public void ui_scrollable_scroll_into_view_returns_the_target() {
    List<Located> found = find("new UiScrollable(new UiSelector().scrollable(true)).setAsVerticalList()"
        + ".scrollIntoView(new UiSelector().text(\"" + Screens.EXPERIENCE + "\"))");
    assertThat(texts(found)).containsExactly(Screens.EXPERIENCE);
    assertThat(find("new UiScrollable(new UiSelector().scrollable(true))").get(0).node().resourceId())
        .isEqualTo("android:id/list");
  }

  @Test
  public void child_selector_and_a_bare_chain_work() {
    List<Located> found = find("resourceId(\"android:id/list\").childSelector(new UiSelector()"
        + ".className(\"android.widget.Switch\"))");
    assertThat(found).hasSize(3);
  }

  @Test
  public void malformed_expressions_are_invalid_selectors_naming_the_problem() {
    for (String bad : List.of("new UiSelector().text(\"x\"", "new UiSelector().txet(\"x\")",
        "new UiSelector().checkable(\"yes\")", "new UiSelector().text(\"x)", "new Foo()",
        "new UiSelector().textMatches(\"[\")", "new UiSelector() garbage")) {
      assertThatThrownBy(() -> UiSelectorParser.parse(bad)).as(bad)
          .isInstanceOfSatisfying(W3cError.class, e -> {
            assertThat(e.error()).isEqualTo("invalid selector");
            assertThat(e.status()).isEqualTo(400);
          });
    }
    assertThatThrownBy(() -> UiSelectorParser.parse("new UiSelector().txet(\"x\")")).hasMessageContaining("txet");
  }
}
