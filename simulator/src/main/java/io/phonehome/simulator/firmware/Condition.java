package io.phonehome.simulator.firmware;

import io.phonehome.simulator.state.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A service's {@code when}: comparisons of settings joined by {@code &&} and {@code ||},
 * with parentheses, e.g. {@code secure:cloud_sync == 1 && (global:mi_region != cn)}.
 * {@code &&} binds tighter than {@code ||}. Values are bare words or quoted strings; an
 * unset setting reads as {@code null}, as {@code settings get} prints it.
 */
public sealed interface Condition {
  /**
   * Evaluates against live settings.
   *
   * @param settings a setting's value by {@code namespace:key}, {@code null} when unset
   */
  boolean test(Function<String, String> settings);

  /** {@code setting == value} or {@code setting != value}. */
  record Compare(String setting, boolean equal, String value) implements Condition {
    @Override
    public boolean test(Function<String, String> settings) {
      String actual = settings.apply(setting);
      return (actual == null ? "null" : actual).equals(value) == equal;
    }

    @Override
    public String toString() {
      return setting + (equal ? " == " : " != ") + value;
    }
  }

  /** Both sides hold. */
  record And(Condition left, Condition right) implements Condition {
    @Override
    public boolean test(Function<String, String> settings) {
      return left.test(settings) && right.test(settings);
    }

    @Override
    public String toString() {
      return "(" + left + " && " + right + ")";
    }
  }

  /** Either side holds. */
  record Or(Condition left, Condition right) implements Condition {
    @Override
    public boolean test(Function<String, String> settings) {
      return left.test(settings) || right.test(settings);
    }

    @Override
    public String toString() {
      return "(" + left + " || " + right + ")";
    }
  }

  /**
   * Parses a condition.
   *
   * @throws IllegalArgumentException saying what is malformed and the expected form
   */
  static Condition parse(String text) {
    return new ConditionParser(text).parse();
  }

  /** Every setting a condition reads. */
  default List<String> settingsRead() {
    List<String> out = new ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(Condition c, List<String> out) {
    if (c instanceof Compare cmp) {
      out.add(cmp.setting());
    } else if (c instanceof And a) {
      collect(a.left(), out);
      collect(a.right(), out);
    } else if (c instanceof Or o) {
      collect(o.left(), out);
      collect(o.right(), out);
    }
  }

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
        left = new Or(left, and());
      }
      return left;
    }

    private Condition and() {
      Condition left = primary();
      while (accept("&&")) {
        left = new And(left, primary());
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
      return new Compare(setting, equal, unquote(word("a value after " + (equal ? "==" : "!="))));
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
}
