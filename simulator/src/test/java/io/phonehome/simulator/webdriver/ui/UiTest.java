package io.phonehome.simulator.webdriver.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.testng.annotations.Test;

public class UiTest {
  private static List<Located> withClass(RenderedTree tree, String className) {
    return tree.all().stream().filter(l -> l.node().className().equals(className)).toList();
  }

  private static Located withText(RenderedTree tree, String text) {
    return tree.all().stream().filter(l -> l.node().text().equals(text)).findFirst().orElseThrow();
  }

  private static void tap(Ui ui, Located l) {
    for (Located at = l; at != null; at = at.parent()) {
      if (at.node().onClick().isPresent()) {
        at.node().onClick().get().perform(ui);
        return;
      }
    }
  }

  @Test
  public void starts_on_the_launcher_with_a_settings_icon() {
    Ui ui = Screens.ui();
    assertThat(ui.current().packageName()).isEqualTo(LauncherScreen.PACKAGE);
    Located icon = withText(ui.render(), "Settings");
    assertThat(icon.node().contentDesc()).isEqualTo("Settings");
    assertThat(icon.node().clickable()).isTrue();
  }

  @Test
  public void launcher_icon_opens_settings_and_privacy_row_opens_privacy() {
    Ui ui = Screens.ui();
    tap(ui, withText(ui.render(), "Settings"));
    assertThat(ui.current()).isInstanceOf(SettingsScreen.class);
    assertThat(ui.render().all()).extracting(l -> l.node().text())
        .contains("Wi-Fi", "Bluetooth", "Display", "Privacy", "About phone");
    tap(ui, withText(ui.render(), "Privacy"));
    assertThat(ui.current()).isInstanceOf(PrivacyScreen.class);
  }

  @Test
  public void privacy_shows_one_switch_per_profile_entry_in_profile_order() {
    RenderedTree tree = Screens.onPrivacy().render();
    List<Located> switches = withClass(tree, "android.widget.Switch");
    assertThat(switches).extracting(l -> l.node().contentDesc())
        .containsExactly(Screens.CLOUD_SYNC, Screens.EXPERIENCE, Screens.DIAGNOSTICS);
    assertThat(switches).extracting(l -> l.node().checked()).containsExactly(true, false, true);
    assertThat(switches).allSatisfy(l -> {
      assertThat(l.node().resourceId()).isEqualTo("android:id/switch_widget");
      assertThat(l.node().checkable()).isTrue();
      assertThat(l.parent().node().className()).isEqualTo("android.widget.LinearLayout");
      assertThat(l.parent().node().children().get(0).resourceId()).isEqualTo("android:id/title");
      assertThat(l.parent().node().children().get(0).text()).isEqualTo(l.node().contentDesc());
    });
  }

  @Test
  public void tapping_a_switch_or_its_label_flips_the_setting() {
    Ui ui = Screens.onPrivacy();
    tap(ui, withClass(ui.render(), "android.widget.Switch").get(0));
    assertThat(ui.state().settings().get("secure:cloud_sync")).isEqualTo("0");
    tap(ui, withText(ui.render(), Screens.EXPERIENCE));
    assertThat(ui.state().settings().get("secure:user_experience")).isEqualTo("1");
    tap(ui, withText(ui.render(), Screens.CLOUD_SYNC));
    assertThat(ui.state().settings().get("secure:cloud_sync")).isEqualTo("1");
  }

  @Test
  public void switches_show_settings_changed_behind_the_screen() {
    Ui ui = Screens.onPrivacy();
    ui.state().settings().put("global:diagnostics", "0");
    assertThat(withClass(ui.render(), "android.widget.Switch").get(2).node().checked()).isFalse();
  }

  @Test
  public void back_goes_up_one_screen_and_stops_at_the_launcher() {
    Ui ui = Screens.onPrivacy();
    long before = ui.generation();
    ui.back();
    assertThat(ui.current()).isInstanceOf(SettingsScreen.class);
    assertThat(ui.generation()).isGreaterThan(before);
    ui.back();
    ui.back();
    assertThat(ui.current()).isInstanceOf(LauncherScreen.class);
  }

  @Test
  public void launching_an_unknown_package_names_the_installed_ones() {
    assertThatThrownBy(() -> Screens.ui().launch("com.example.none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("com.example.none").hasMessageContaining("com.android.settings");
  }

  @Test
  public void edit_text_rows_hold_what_was_typed() {
    TextField field = new TextField("Message", false);
    Node root = new ListLayout("com.android.mms", "New message").editText("com.android.mms:id/body", field).build();
    RenderedTree tree = new RenderedTree(root, 0);
    field.append("pH-7f3a9c");
    Located box = withClass(tree, "android.widget.EditText").get(0);
    assertThat(box.node().text()).isEqualTo("pH-7f3a9c");
    assertThat(box.node().focusable()).isTrue();
    assertThat(box.node().field()).isPresent();
  }
}
