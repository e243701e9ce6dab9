package io.phonehome.simulator.firmware;

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
}
