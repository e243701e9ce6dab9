package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import io.phonehome.simulator.webdriver.selector.Locator;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.Node;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import io.phonehome.simulator.webdriver.ui.TextField;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finding views and acting on them: click, type, read text and attributes. */
final class ElementCommands {
  /** The W3C key of an element reference; {@code ELEMENT} is the JSON Wire one, still read by some clients. */
  static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

  private final Ui ui;
  private final Sessions sessions;

  ElementCommands(Ui ui, Sessions sessions) {
    this.ui = ui;
    this.sessions = sessions;
  }

  List<Route> routes() {
    String el = "/session/{sessionId}/element/{elementId}";
    return List.of(
        Route.of("POST", "/session/{sessionId}/element", r -> findOne(r, false)),
        Route.of("POST", "/session/{sessionId}/elements", r -> findAll(r, false)),
        Route.of("POST", el + "/element", r -> findOne(r, true)),
        Route.of("POST", el + "/elements", r -> findAll(r, true)),
        Route.of("POST", el + "/click", this::click),
        Route.of("POST", el + "/value", this::sendKeys),
        Route.of("POST", el + "/clear", this::clear),
        Route.of("GET", el + "/text", r -> element(r).node().text()),
        Route.of("GET", el + "/name", r -> element(r).node().className()),
        Route.of("GET", el + "/attribute/{name}", r -> attribute(element(r), r.param("name"))),
        Route.of("GET", el + "/displayed", r -> {
          element(r);
          return true;
        }),
        Route.of("GET", el + "/enabled", r -> element(r).node().enabled()),
        Route.of("GET", el + "/selected", r -> element(r).node().selected()),
        Route.of("GET", el + "/rect", r -> rect(element(r).node())));
  }

  private Object findOne(Request r, boolean scoped) {
    Session s = sessions.require(r.param("sessionId"));
    RenderedTree tree = ui.render();
    List<Located> hits = find(r, s, tree, scoped);
    if (hits.isEmpty()) {
      throw W3cError.noSuchElement("no element matches " + strategy(r) + " '" + selector(r) + "' on "
          + ui.current().packageName() + "/" + ui.current().activity());
    }
    return reference(s.elementId(hits.get(0), tree.generation()));
  }

  private Object findAll(Request r, boolean scoped) {
    Session s = sessions.require(r.param("sessionId"));
    RenderedTree tree = ui.render();
    return find(r, s, tree, scoped).stream().map(l -> reference(s.elementId(l, tree.generation()))).toList();
  }

  /**
   * The views a find request names. W3C clients send {@code using} and {@code value}; the
   * Appium UiAutomator2 driver proxies {@code strategy}, {@code selector} and a
   * {@code context} (the id of the element to search under, or empty for the screen).
   */
  private List<Located> find(Request r, Session s, RenderedTree tree, boolean scoped) {
    String context = r.body().path("context").asText("");
    Located scope = scoped ? s.resolve(r.param("elementId"), tree)
        : context.isEmpty() ? null : s.resolve(context, tree);
    return Locator.find(strategy(r), selector(r), tree, scope, ui.current().packageName());
  }

  private static String strategy(Request r) {
    return r.body().has("strategy") ? r.string("strategy") : r.string("using");
  }

  private static String selector(Request r) {
    return r.body().has("selector") ? r.string("selector") : r.string("value");
  }

  static Map<String, String> reference(String elementId) {
    return Map.of(ELEMENT_KEY, elementId, "ELEMENT", elementId);
  }

  Located element(Request r) {
    Session s = sessions.require(r.param("sessionId"));
    return s.resolve(r.param("elementId"), ui.render());
  }

  private Object click(Request r) {
    Taps.tap(element(r), ui);
    return null;
  }

  private Object sendKeys(Request r) {
    TextField field = field(element(r));
    JsonNode text = r.body().get("text");
    String typed;
    if (text != null && text.isTextual()) {
      typed = text.asText();
    } else if (r.body().path("value").isArray()) {
      StringBuilder b = new StringBuilder();
      r.body().path("value").forEach(v -> b.append(v.asText()));
      typed = b.toString();
    } else {
      throw W3cError.invalidArgument("send keys needs 'text' (a string) or 'value' (an array of strings)");
    }
    // UiAutomator2 appends to what the box holds unless asked to replace it
    if (r.body().path("replace").asBoolean(false)) {
      field.set(withoutSpecialKeys(typed));
    } else {
      field.append(withoutSpecialKeys(typed));
    }
    return null;
  }

  private Object clear(Request r) {
    field(element(r)).set("");
    return null;
  }

  private static TextField field(Located l) {
    return l.node().field().orElseThrow(() -> W3cError.invalidElementState(
        l.node().className() + " '" + l.node().text() + "' does not take text; find its EditText"));
  }

  /** WebDriver's special keys (Enter, Tab, ...) are private-use characters a text box ignores. */
  private static String withoutSpecialKeys(String typed) {
    StringBuilder b = new StringBuilder(typed.length());
    typed.codePoints().filter(c -> c < 0xE000 || c > 0xF8FF).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** UiAutomator2's element attributes; booleans as "true"/"false", unknown names as null. */
  static String attribute(Located l, String name) {
    Node n = l.node();
    return switch (name) {
      case "text" -> n.text();
      case "content-desc", "contentDescription", "content_desc" -> n.contentDesc();
      case "resource-id", "resourceId" -> n.resourceId();
      case "class", "className" -> n.className();
      case "package" -> n.packageName();
      case "name" -> n.contentDesc().isEmpty() ? n.text() : n.contentDesc();
      case "index" -> Integer.toString(l.index());
      case "bounds" -> n.bounds().toString();
      case "checkable" -> Boolean.toString(n.checkable());
      case "checked" -> Boolean.toString(n.checked());
      case "clickable" -> Boolean.toString(n.clickable());
      case "enabled" -> Boolean.toString(n.enabled());
      case "focusable" -> Boolean.toString(n.focusable());
      case "focused" -> Boolean.toString(n.focused());
      case "long-clickable", "longClickable" -> Boolean.toString(n.longClickable());
      case "password" -> Boolean.toString(n.password());
      case "scrollable" -> Boolean.toString(n.scrollable());
      case "selected" -> Boolean.toString(n.selected());
      case "displayed" -> "true";
      default -> null;
    };
  }

  private static Map<String, Integer> rect(Node n) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("x", n.bounds().left());
    m.put("y", n.bounds().top());
    m.put("width", n.bounds().width());
    m.put("height", n.bounds().height());
    return m;
  }
}
