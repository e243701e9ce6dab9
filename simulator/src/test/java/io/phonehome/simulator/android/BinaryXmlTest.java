package io.phonehome.simulator.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class BinaryXmlTest {
  @DataProvider
  public Object[][] pools() {
    return new Object[][] {{true}, {false}};
  }

  @Test(dataProvider = "pools")
  public void reads_elements_attributes_and_children_from_either_string_pool(boolean utf8) {
    byte[] xml = ManifestFixtures.xml(ManifestFixtures.app("io.appium.settings", 191, "8.0.9", 26,
        "android.permission.INTERNET"), utf8);

    BinaryXml.Element root = BinaryXml.parse(xml);

    assertThat(root.name()).isEqualTo("manifest");
    assertThat(root.attribute("package")).hasValue("io.appium.settings");
    assertThat(root.attribute("versionCode")).hasValue("191");
    assertThat(root.attribute("versionName")).hasValue("8.0.9");
    assertThat(root.children()).extracting(BinaryXml.Element::name)
        .containsExactly("uses-sdk", "uses-permission", "application");
    assertThat(root.children("application").get(0).children("activity").get(0).attribute("name")).hasValue(".Settings");
  }

  @Test
  public void bytes_that_are_not_compiled_xml_are_refused_with_the_reason() {
    assertThatThrownBy(() -> BinaryXml.parse("<manifest/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a compiled Android XML file");
  }

  @Test
  public void a_manifest_names_its_launcher_activity_services_and_instrumentations_fully_qualified() {
    ApkManifest app = ApkManifest.ofApk(ManifestFixtures.apk(ManifestFixtures.app("io.appium.settings", 191, "8.0.9", 26,
        "android.permission.INTERNET", "android.permission.ACCESS_FINE_LOCATION")));
    ApkManifest test = ApkManifest.ofApk(ManifestFixtures.apk(ManifestFixtures.instrumentation(
        "io.appium.uiautomator2.server.test", "androidx.test.runner.AndroidJUnitRunner", "io.appium.uiautomator2.server")));

    assertThat(app.launcherActivity()).hasValue("io.appium.settings.Settings");
    assertThat(app.services()).containsExactly("io.appium.settings.ForegroundService");
    assertThat(app.minSdk()).isEqualTo(26);
    assertThat(app.permissions()).hasSize(2);
    assertThat(test.instrumentations()).containsExactly(new ApkManifest.Instrumentation(
        "androidx.test.runner.AndroidJUnitRunner", "io.appium.uiautomator2.server"));
    assertThat(test.versionCode()).isZero();
    assertThat(List.of(ApkManifest.qualify("p.q", ".A"), ApkManifest.qualify("p.q", "A"), ApkManifest.qualify("p.q", "x.A")))
        .containsExactly("p.q.A", "p.q.A", "x.A");
  }
}
