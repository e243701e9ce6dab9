package io.phonehome.simulator.firmware;

import io.phonehome.simulator.state.Settings;
import java.util.ArrayList;
import java.util.List;

/** Recursive descent over a token list. */
final class ConditionParser {
  static final String FORM =
      "namespace:key == VALUE or != VALUE, joined with && and ||, parentheses allowed";
  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private int pos;

  ConditionParser(String text) {
    this.text = text;
    tokenize();
  }

  Condition parse() {
    if (tokens.isEmpty()) {
      throw bad("empty condition");
    }
    Condition c = or();
    if (pos < tokens.size()) {
      throw bad("unexpected '" + tokens.get(pos) + "'");
    }
    return c;
  }

  private Condition or() {
    Condition left = and();
    while (accept("||")) {
      left = new Condition.Or(left, and());
    }
    return left;
  }

  private Condition and() {
    Condition left = primary();
    while (accept("&&")) {
      left = new Condition.And(left, primary());
    }
    return left;
  }

  private Condition primary() {
    if (accept("(")) {
      Condition inner = or();
      if (!accept(")")) {
        throw bad("missing ')'");
      }
      return inner;
    }
    String setting = word("a setting");
    try {
      Settings.split(setting);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    boolean equal;
    if (accept("==")) {
      equal = true;
    } else if (accept("!=")) {
      equal = false;
    } else {
      throw bad("expected == or != after " + setting);
    }
    return new Condition.Compare(setting, equal, unquote(word("a value after " + (equal ? "==" : "!="))));
  }

  private String word(String what) {
    if (pos >= tokens.size()) {
      throw bad("expected " + what + " at the end");
    }
    String t = tokens.get(pos);
    if (isOperator(t)) {
      throw bad("expected " + what + ", got '" + t + "'");
    }
    pos++;
    return t;
  }

  private boolean accept(String op) {
    if (pos < tokens.size() && tokens.get(pos).equals(op)) {
      pos++;
      return true;
    }
    return false;
  }

  private void tokenize() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (text.startsWith("==", i) || text.startsWith("!=", i)
          || text.startsWith("&&", i) || text.startsWith("||", i)) {
        tokens.add(text.substring(i, i + 2));
        i += 2;
      } else if (c == '"' || c == '\'') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw bad("unterminated quote");
        }
        tokens.add(text.substring(i, end + 1));
        i = end + 1;
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))
            && "()=!&|\"'".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        if (i == start) {
          throw bad("unexpected '" + c + "'");
        }
        tokens.add(text.substring(start, i));
      }
    }
  }

  private static boolean isOperator(String t) {
    return List.of("(", ")", "==", "!=", "&&", "||").contains(t);
  }

  private static String unquote(String t) {
    if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'')) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private IllegalArgumentException bad(String problem) {
    return new IllegalArgumentException(
        "malformed when '" + text + "': " + problem + " (" + FORM + ")");
  }
}
