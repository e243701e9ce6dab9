package io.phonehome.simulator.webdriver.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.simulator.webdriver.W3cError;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import io.phonehome.simulator.webdriver.ui.Screens;
import java.util.List;
import org.testng.annotations.Test;

public class LocatorTest {
  private final RenderedTree tree = Screens.onPrivacy().render();

  private List<Located> find(String using, String value) {
    return Locator.find(using, value, tree, null, "com.android.settings");
  }

  private static List<String> descs(List<Located> found) {
    return found.stream().map(l -> l.node().contentDesc()).toList();
  }

  @Test
  public void id_matches_full_ids_and_resolves_bare_ones() {
    assertThat(find("id", "android:id/switch_widget")).hasSize(3);
    assertThat(find("id", "switch_widget")).hasSize(3);
    assertThat(find("id", "com.android.settings:id/switch_widget")).isEmpty();
  }

  @Test
  public void accessibility_id_matches_content_desc() {
    assertThat(descs(find("accessibility id", Screens.CLOUD_SYNC))).containsExactly(Screens.CLOUD_SYNC);
  }

  @Test
  public void xpath_finds_elements_and_scoped_xpath_stays_inside() {
    assertThat(descs(find("xpath", "//android.widget.Switch[@checked='true']")))
        .containsExactly(Screens.CLOUD_SYNC, Screens.DIAGNOSTICS);
    Located row = find("xpath", "//android.widget.LinearLayout[android.widget.TextView[@text='"
        + Screens.EXPERIENCE + "']]").get(0);
    List<Located> inRow = Locator.find("xpath", ".//android.widget.Switch", tree, row, "com.android.settings");
    assertThat(descs(inRow)).containsExactly(Screens.EXPERIENCE);
  }

  @Test
  public void xpath_selecting_attributes_or_malformed_is_invalid_selector() {
    assertThatThrownBy(() -> find("xpath", "//android.widget.Switch/@checked"))
        .isInstanceOfSatisfying(W3cError.class, e -> assertThat(e.error()).isEqualTo("invalid selector"));
    assertThatThrownBy(() -> find("xpath", "//android.widget.Switch[")).isInstanceOfSatisfying(W3cError.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  public void unknown_strategy_is_invalid_selector() {
    assertThatThrownBy(() -> find("css selector", "#x"))
        .isInstanceOfSatisfying(W3cError.class, e -> assertThat(e.error()).isEqualTo("invalid selector"));
  }
}
