package io.phonehome.consent;

import io.phonehome.detect.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of a consent policy file: uploads of the listed identifiers to hosts matching
 * {@code to} are allowed while the rule is active.
 *
 * @param label where the rule sits in its file: {@code always-allowed[0]} or
 *     {@code switches.secure:cloud_messaging[1]}
 * @param to the hosts it covers
 * @param data the identifier names it allows; empty allows only flows carrying none
 * @param line the line of the rule in its file
 */
public record ConsentRule(String label, HostGlob to, List<String> data, int line) {
  public ConsentRule {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(to, "to");
    data = List.copyOf(data);
  }

  /** True when the finding's host matches {@code to} and its identifier is in {@code data}. */
  public boolean allows(Finding finding) {
    String identifier = finding.identifier().toLowerCase(Locale.ROOT);
    return to.matches(finding.host())
        && data.stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(identifier));
  }

  /** {@code switches.secure:cloud_messaging[0] to *.msg.example.com}. */
  public String describe() {
    return label + " to " + to;
  }
}
