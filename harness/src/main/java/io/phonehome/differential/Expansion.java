package io.phonehome.differential;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How much an encoding makes a value grow: a size change of an upload "follows" a planted
 * value when it is the value's own change times one of these, within a small slack
 * (base64 rounds to blocks of four, url-escaping a base64 text adds a few bytes).
 *
 * @param factor bytes written per byte of the value
 * @param name the factor as a reader sees it, with the encodings that give it
 */
record Expansion(double factor, String name) {
  /** The plausible ones; ciphers with a fixed nonce and tag add a constant, so they read as 1. */
  static final List<Expansion> PLAUSIBLE = List.of(
      new Expansion(1, "1:1, as plain text, url, rot13 or a cipher give"),
      new Expansion(4.0 / 3, "4/3, as base64 gives"),
      new Expansion(8.0 / 5, "8/5, as base32 gives"),
      new Expansion(2, "2, as hex gives"),
      new Expansion(3, "3, as url-escaping every byte gives"),
      new Expansion(5, "5, as html entities give"),
      new Expansion(6, "6, as json unicode escapes give"));

  /** Slack in bytes on every comparison. */
  static final int SLACK_BYTES = 4;
  /** Slack in proportion of the expected change. */
  static final double SLACK_RATIO = 0.08;

  /** The expected size change for a value that changed by {@code valueDelta} bytes. */
  double expected(int valueDelta) {
    return factor * valueDelta;
  }

  /** How far {@code sizeDelta} is from the expected change, in slacks (at most 1 fits). */
  double misfit(int sizeDelta, int valueDelta) {
    double expected = expected(valueDelta);
    return Math.abs(sizeDelta - expected) / (SLACK_BYTES + SLACK_RATIO * Math.abs(expected));
  }

  /** The expansion that best explains a size change, if any fits. */
  static Optional<Expansion> bestFit(int sizeDelta, int valueDelta) {
    if (valueDelta == 0 || Integer.signum(sizeDelta) != Integer.signum(valueDelta)) {
      return Optional.empty();
    }
    return PLAUSIBLE.stream()
        .filter(e -> e.misfit(sizeDelta, valueDelta) <= 1)
        .min(Comparator.comparingDouble(e -> e.misfit(sizeDelta, valueDelta)));
  }
}
