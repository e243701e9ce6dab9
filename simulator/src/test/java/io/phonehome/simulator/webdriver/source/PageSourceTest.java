package io.phonehome.simulator.webdriver.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.phonehome.simulator.webdriver.ui.Screens;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

public class PageSourceTest {
  private static String privacySource() {
    return PageSource.of(Screens.onPrivacy().render().root());
  }

  @Test
  public void starts_with_uiautomator_declaration_and_hierarchy() {
    String xml = privacySource();
    assertThat(xml).startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>");
    assertThat(xml).contains("<hierarchy index=\"0\" class=\"hierarchy\" rotation=\"0\" width=\"1080\" height=\"2340\">");
  }

  @Test
  public void is_well_formed_and_keeps_odd_labels_as_text() throws Exception {
    Document doc = SafeXml.parse(privacySource());
    NodeList switches = doc.getElementsByTagName("android.widget.Switch");
    List<String> descs = new ArrayList<>();
    for (int i = 0; i < switches.getLength(); i++) {
      descs.add(((Element) switches.item(i)).getAttribute("content-desc"));
    }
    assertThat(descs).containsExactly(Screens.CLOUD_SYNC, Screens.EXPERIENCE, Screens.DIAGNOSTICS);
    assertThat(doc.getDoctype()).isNull();
  }

  @Test
  public void nodes_carry_uiautomator_attributes() throws Exception {
    Document doc = SafeXml.parse(privacySource());
    Element sw = (Element) doc.getElementsByTagName("android.widget.Switch").item(0);
    for (String a : List.of("index", "package", "class", "text", "resource-id", "checkable", "checked", "clickable",
        "enabled", "focusable", "focused", "long-clickable", "password", "scrollable", "selected", "bounds",
        "displayed", "content-desc")) {
      assertThat(sw.hasAttribute(a)).as(a).isTrue();
    }
    assertThat(sw.getAttribute("package")).isEqualTo("com.android.settings");
    assertThat(sw.getAttribute("checked")).isEqualTo("true");
    assertThat(sw.getAttribute("bounds")).matches("\\[\\d+,\\d+]\\[\\d+,\\d+]");
  }

  @Test
  public void escapes_markup_quotes_and_control_characters() {
    assertThat(PageSource.escape("a & <b> \"c\" 'd'\n\u0001")).isEqualTo("a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#10;");
  }

  @Test
  public void hardened_parser_refuses_a_doctype() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE h [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><h>&x;</h>";
    assertThatThrownBy(() -> SafeXml.parse(xxe)).isInstanceOf(SAXException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  public void inner_class_names_make_valid_tags() {
    assertThat(PageSource.tagName("android.widget.Outer$Inner")).isEqualTo("android.widget.Outer.Inner");
  }
}
