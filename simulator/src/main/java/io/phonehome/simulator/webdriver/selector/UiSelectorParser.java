package io.phonehome.simulator.webdriver.selector;

import io.phonehome.simulator.webdriver.W3cError;
import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.Node;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the Java-like expressions of the {@code -android uiautomator} strategy:
 * {@code new UiSelector().text("Privacy").className("android.widget.TextView")} and
 * {@code new UiScrollable(new UiSelector().scrollable(true)).scrollIntoView(new UiSelector().text("x"))}.
 * A leading {@code new UiSelector()} may be left out, as UiAutomator2 allows.
 */
public final class UiSelectorParser {
  private final String source;
  private final List<Token> tokens;
  private int pos;

  private UiSelectorParser(String source) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  /** Parses one expression; throws {@code invalid selector} naming what is wrong. */
  public static UiQuery parse(String expression) {
    UiSelectorParser p = new UiSelectorParser(expression);
    Object result = p.expression();
    if (p.peekIs(";")) {
      p.pos++;
    }
    if (p.pos < p.tokens.size()) {
      throw p.error("unexpected '" + p.tokens.get(p.pos).text + "'");
    }
    if (!(result instanceof UiQuery q)) {
      throw p.error("the expression is not a UiSelector or UiScrollable");
    }
    return q;
  }

  private Object expression() {
    Object target;
    if (peekIs("new")) {
      pos++;
      String type = identifier();
      target = construct(type, arguments());
    } else if (peek() != null && peek().kind == Kind.IDENT) {
      target = new UiSelector();
      target = call(target, identifier(), arguments());
    } else {
      throw error("expected 'new UiSelector()'");
    }
    while (peekIs(".")) {
      pos++;
      String method = identifier();
      target = call(target, method, arguments());
    }
    return target;
  }

  private Object construct(String type, List<Object> args) {
    switch (type) {
      case "UiSelector" -> {
        if (!args.isEmpty()) {
          throw error("new UiSelector() takes no arguments");
        }
        return new UiSelector();
      }
      case "UiScrollable" -> {
        if (args.size() != 1 || !(args.get(0) instanceof UiSelector s)) {
          throw error("new UiScrollable(...) takes one UiSelector");
        }
        return new UiScrollable(s);
      }
      default -> throw error("unknown class '" + type + "' (UiSelector or UiScrollable)");
    }
  }

  private Object call(Object target, String method, List<Object> args) {
    if (target instanceof UiSelector s) {
      selectorCall(s, method, args);
      return s;
    }
    if (target instanceof UiScrollable s) {
      scrollableCall(s, method, args);
      return s;
    }
    throw error("cannot call " + method + "() here");
  }

  private void selectorCall(UiSelector s, String method, List<Object> args) {
    switch (method) {
      case "text" -> s.require(str(Node::text, string(method, args)::equals));
      case "textContains" -> s.require(str(Node::text, contains(string(method, args))));
      case "textStartsWith" -> s.require(str(Node::text, startsWith(string(method, args))));
      case "textMatches" -> s.require(str(Node::text, regex(string(method, args))));
      case "resourceId" -> s.require(str(Node::resourceId, string(method, args)::equals));
      case "resourceIdMatches" -> s.require(str(Node::resourceId, regex(string(method, args))));
      case "description" -> s.require(str(Node::contentDesc, string(method, args)::equals));
      case "descriptionContains" -> s.require(str(Node::contentDesc, contains(string(method, args))));
      case "descriptionStartsWith" -> s.require(str(Node::contentDesc, startsWith(string(method, args))));
      case "descriptionMatches" -> s.require(str(Node::contentDesc, regex(string(method, args))));
      case "className" -> s.require(str(Node::className, string(method, args)::equals));
      case "classNameMatches" -> s.require(str(Node::className, regex(string(method, args))));
      case "packageName" -> s.require(str(Node::packageName, string(method, args)::equals));
      case "packageNameMatches" -> s.require(str(Node::packageName, regex(string(method, args))));
      case "checkable" -> s.require(flag(Node::checkable, bool(method, args)));
      case "checked" -> s.require(flag(Node::checked, bool(method, args)));
      case "clickable" -> s.require(flag(Node::clickable, bool(method, args)));
      case "enabled" -> s.require(flag(Node::enabled, bool(method, args)));
      case "focusable" -> s.require(flag(Node::focusable, bool(method, args)));
      case "focused" -> s.require(flag(Node::focused, bool(method, args)));
      case "longClickable" -> s.require(flag(Node::longClickable, bool(method, args)));
      case "scrollable" -> s.require(flag(Node::scrollable, bool(method, args)));
      case "selected" -> s.require(flag(Node::selected, bool(method, args)));
      case "index" -> {
        int index = integer(method, args);
        s.require(l -> l.index() == index);
      }
      case "instance" -> s.instance(integer(method, args));
      case "childSelector" -> s.childSelector(selector(method, args));
      case "fromParent" -> s.fromParent(selector(method, args));
      default -> throw error("UiSelector has no method " + method + "() this handset supports");
    }
  }

  private void scrollableCall(UiScrollable s, String method, List<Object> args) {
    switch (method) {
      case "scrollIntoView" -> s.scrollTo(selector(method, args));
      case "scrollTextIntoView" -> {
        UiSelector t = new UiSelector();
        t.require(str(Node::text, string(method, args)::equals));
        s.scrollTo(t);
      }
      case "getChildByText", "getChildByDescription" -> {
        if (args.size() < 2 || !(args.get(0) instanceof UiSelector child) || !(args.get(1) instanceof String text)) {
          throw error(method + "(UiSelector, String) expected");
        }
        Function<Node, String> attribute = method.equals("getChildByText") ? Node::text : Node::contentDesc;
        s.scrollTo((tree, scope) -> child.find(tree, scope).stream()
            .filter(c -> RenderedTree.descendants(c).stream().anyMatch(d -> text.equals(attribute.apply(d.node())))
                || text.equals(attribute.apply(c.node())))
            .toList());
      }
      case "setAsVerticalList", "setAsHorizontalList", "setMaxSearchSwipes", "setSwipeDeadZonePercentage",
          "flingToBeginning", "flingToEnd", "scrollToBeginning", "scrollToEnd", "scrollForward",
          "scrollBackward", "flingForward", "flingBackward" -> {
        // every view is laid out at once, so scrolling changes nothing the handset reports
      }
      default -> throw error("UiScrollable has no method " + method + "() this handset supports");
    }
  }

  private static Predicate<Located> str(Function<Node, String> attribute, Predicate<String> test) {
    return l -> test.test(attribute.apply(l.node()));
  }

  private static Predicate<Located> flag(Predicate<Node> attribute, boolean expected) {
    return l -> attribute.test(l.node()) == expected;
  }

  private static Predicate<String> contains(String part) {
    return v -> v.contains(part);
  }

  private static Predicate<String> startsWith(String prefix) {
    return v -> v.startsWith(prefix);
  }

  private Predicate<String> regex(String pattern) {
    try {
      Pattern p = Pattern.compile(pattern);
      return v -> p.matcher(v).matches();
    } catch (PatternSyntaxException e) {
      throw error("bad regular expression '" + pattern + "': " + e.getDescription());
    }
  }

  private String string(String method, List<Object> args) {
    if (args.size() != 1 || !(args.get(0) instanceof String s)) {
      throw error(method + "() takes one string");
    }
    return s;
  }

  private boolean bool(String method, List<Object> args) {
    if (args.size() != 1 || !(args.get(0) instanceof Boolean b)) {
      throw error(method + "() takes true or false");
    }
    return b;
  }

  private int integer(String method, List<Object> args) {
    if (args.size() != 1 || !(args.get(0) instanceof Integer i)) {
      throw error(method + "() takes one whole number");
    }
    return i;
  }

  private UiSelector selector(String method, List<Object> args) {
    if (args.size() != 1 || !(args.get(0) instanceof UiSelector s)) {
      throw error(method + "() takes one UiSelector");
    }
    return s;
  }

  private List<Object> arguments() {
    expect("(");
    List<Object> args = new ArrayList<>();
    if (peekIs(")")) {
      pos++;
      return args;
    }
    while (true) {
      args.add(argument());
      if (peekIs(",")) {
        pos++;
      } else {
        expect(")");
        return args;
      }
    }
  }

  private Object argument() {
    Token t = peek();
    if (t == null) {
      throw error("unexpected end, an argument was expected");
    }
    switch (t.kind) {
      case STRING -> {
        pos++;
        return t.text;
      }
      case NUMBER -> {
        pos++;
        try {
          return Integer.parseInt(t.text);
        } catch (NumberFormatException e) {
          throw error("number out of range: " + t.text);
        }
      }
      case IDENT -> {
        if (t.text.equals("true") || t.text.equals("false")) {
          pos++;
          return Boolean.parseBoolean(t.text);
        }
        return expression();
      }
      default -> throw error("unexpected '" + t.text + "'");
    }
  }

  private String identifier() {
    Token t = peek();
    if (t == null || t.kind != Kind.IDENT) {
      throw error("a name was expected" + (t == null ? " at the end" : ", got '" + t.text + "'"));
    }
    pos++;
    return t.text;
  }

  private void expect(String symbol) {
    if (!peekIs(symbol)) {
      Token t = peek();
      throw error("'" + symbol + "' expected" + (t == null ? " at the end" : ", got '" + t.text + "'"));
    }
    pos++;
  }

  private boolean peekIs(String text) {
    Token t = peek();
    return t != null && t.kind != Kind.STRING && t.text.equals(text);
  }

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private W3cError error(String why) {
    int at = pos < tokens.size() ? tokens.get(pos).offset : source.length();
    return W3cError.invalidSelector("-android uiautomator '" + source + "' at " + at + ": " + why);
  }

  private enum Kind { IDENT, STRING, NUMBER, SYMBOL }

  private record Token(Kind kind, String text, int offset) {}

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), start));
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int start = i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
      } else if (c == '"' || c == '\'') {
        int start = i++;
        StringBuilder b = new StringBuilder();
        while (true) {
          if (i >= s.length()) {
            throw W3cError.invalidSelector("-android uiautomator '" + s + "' at " + start + ": unterminated string");
          }
          char d = s.charAt(i++);
          if (d == c) {
            break;
          }
          if (d == '\\' && i < s.length()) {
            char e = s.charAt(i++);
            b.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
          } else {
            b.append(d);
          }
        }
        out.add(new Token(Kind.STRING, b.toString(), start));
      } else if ("().,;".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
        i++;
      } else {
        throw W3cError.invalidSelector("-android uiautomator '" + s + "' at " + i + ": unexpected '" + c + "'");
      }
    }
    return out;
  }
}
