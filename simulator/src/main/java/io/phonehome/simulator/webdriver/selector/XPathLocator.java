package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.W3cError;
import io.phonehome.simulator.webdriver.source.PageSource;
import io.phonehome.simulator.webdriver.source.SafeXml;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Evaluates XPath against the page source, as UiAutomator2 does, then maps the elements
 * found back to views by their position in the tree.
 */
final class XPathLocator {
  private XPathLocator() {}

  static List<Located> find(String expression, RenderedTree tree, Located scope) {
    Document doc;
    try {
      doc = SafeXml.parse(PageSource.of(tree.root()));
    } catch (SAXException e) {
      throw W3cError.unknownError("page source does not parse: " + e.getMessage());
    }
    Node context = scope == null ? doc : domOf(doc, scope.path());
    XPath xpath = SafeXml.xpathFactory().newXPath();
    NodeList hits;
    try {
      hits = (NodeList) xpath.evaluate(expression, context, XPathConstants.NODESET);
    } catch (XPathExpressionException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw W3cError.invalidSelector("'" + expression + "' is not a valid XPath node-set expression: " + why);
    }
    List<Located> out = new ArrayList<>();
    for (int i = 0; i < hits.getLength(); i++) {
      Node hit = hits.item(i);
      if (!(hit instanceof Element element)) {
        throw W3cError.invalidSelector("'" + expression + "' selects " + hit.getNodeName()
            + ", not an element; select elements, e.g. //android.widget.Switch[@checked='true']");
      }
      pathOf(element).flatMap(tree::byPath).ifPresent(out::add);
    }
    return out;
  }

  /** Child indexes from {@code hierarchy} down; empty for {@code hierarchy} itself. */
  private static Optional<String> pathOf(Element element) {
    List<Integer> indexes = new ArrayList<>();
    Element at = element;
    while (at.getParentNode() instanceof Element parent) {
      indexes.add(0, elementIndex(at));
      at = parent;
    }
    if (indexes.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder();
    for (int i : indexes) {
      b.append(b.length() == 0 ? "" : "/").append(i);
    }
    return Optional.of(b.toString());
  }

  private static int elementIndex(Element e) {
    int i = 0;
    for (Node s = e.getPreviousSibling(); s != null; s = s.getPreviousSibling()) {
      if (s instanceof Element) {
        i++;
      }
    }
    return i;
  }

  private static Node domOf(Document doc, String path) {
    Node at = doc.getDocumentElement();
    for (String part : path.split("/")) {
      at = nthElement(at, Integer.parseInt(part));
    }
    return at;
  }

  private static Node nthElement(Node parent, int n) {
    int i = 0;
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element) {
        if (i == n) {
          return c;
        }
        i++;
      }
    }
    throw new IllegalStateException("page source and view tree disagree at child " + n);
  }
}
