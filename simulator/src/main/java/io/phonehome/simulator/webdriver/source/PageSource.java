package io.phonehome.simulator.webdriver.source;

import io.phonehome.simulator.webdriver.ui.Node;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;

/**
 * Writes a view tree as UiAutomator2's page source: a {@code hierarchy} element holding one
 * element per view, named by its class. Every attribute value is escaped, so a label
 * holding markup stays text.
 */
public final class PageSource {
  public static final String DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>";

  private PageSource() {}

  public static String of(Node root) {
    StringBuilder out = new StringBuilder(4096);
    out.append(DECLARATION).append("\r\n");
    out.append("<hierarchy index=\"0\" class=\"hierarchy\" rotation=\"0\" width=\"").append(Ui.WIDTH)
        .append("\" height=\"").append(Ui.HEIGHT).append("\">\r\n");
    write(root, 0, 1, out);
    out.append("</hierarchy>");
    return out.toString();
  }

  private static void write(Node n, int index, int depth, StringBuilder out) {
    String tag = tagName(n.className());
    indent(depth, out);
    out.append('<').append(tag);
    attr(out, "index", Integer.toString(index));
    attr(out, "package", n.packageName());
    attr(out, "class", n.className());
    attr(out, "text", n.text());
    attr(out, "resource-id", n.resourceId());
    attr(out, "checkable", n.checkable());
    attr(out, "checked", n.checked());
    attr(out, "clickable", n.clickable());
    attr(out, "enabled", n.enabled());
    attr(out, "focusable", n.focusable());
    attr(out, "focused", n.focused());
    attr(out, "long-clickable", n.longClickable());
    attr(out, "password", n.password());
    attr(out, "scrollable", n.scrollable());
    attr(out, "selected", n.selected());
    attr(out, "bounds", n.bounds().toString());
    attr(out, "displayed", true);
    attr(out, "content-desc", n.contentDesc());
    List<Node> kids = n.children();
    if (kids.isEmpty()) {
      out.append(" />\r\n");
      return;
    }
    out.append(">\r\n");
    for (int i = 0; i < kids.size(); i++) {
      write(kids.get(i), i, depth + 1, out);
    }
    indent(depth, out);
    out.append("</").append(tag).append(">\r\n");
  }

  /** A class name is a valid XML name except for inner-class dollars; those become dots. */
  static String tagName(String className) {
    StringBuilder b = new StringBuilder(className.length());
    for (int i = 0; i < className.length(); i++) {
      char c = className.charAt(i);
      boolean ok = Character.isLetter(c) || c == '_' || (i > 0 && (Character.isDigit(c) || c == '.' || c == '-'));
      b.append(ok ? c : '.');
    }
    return b.length() == 0 ? "node" : b.toString();
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }

  private static void attr(StringBuilder out, String name, boolean value) {
    attr(out, name, Boolean.toString(value));
  }

  private static void attr(StringBuilder out, String name, String value) {
    out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  /** Escapes text for a double-quoted attribute; characters XML 1.0 cannot hold are dropped. */
  public static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length() + 16);
    value.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\n' -> b.append("&#10;");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append("&#9;");
        default -> {
          if (isXmlChar(cp)) {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.toString();
  }

  private static boolean isXmlChar(int cp) {
    return (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
