package io.phonehome.consent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed consent policy file (format in docs/consent-policy.md): rules that hold
 * whatever the switches say, and rules that hold while a setting is on ({@code 1}).
 *
 * <pre>{@code
 * ConsentPolicyFile file = ConsentPolicyFile.read(Path.of("policies/leaky-2014-08.yaml"));
 * ConsentPolicy policy = file.under(timeline);          // or file.under(consentState)
 * AuditResult result = Audit.run(flows, identity, policy);
 * }</pre>
 *
 * @param source the file it was read from
 * @param alwaysAllowed rules active whatever the switches say
 * @param switches rules by the setting ({@code namespace:key}) that activates them, in
 *     file order
 */
public record ConsentPolicyFile(
    Path source, List<ConsentRule> alwaysAllowed, Map<String, List<ConsentRule>> switches) {

  /** A setting name: {@code global|secure|system}, a colon, a key. */
  static final Pattern SWITCH_KEY = Pattern.compile("(global|secure|system):[A-Za-z0-9_.-]+");

  /** The value a setting has when it is on. */
  public static final String ON = "1";

  public ConsentPolicyFile {
    Objects.requireNonNull(source, "source");
    alwaysAllowed = List.copyOf(alwaysAllowed);
    Map<String, List<ConsentRule>> copy = new LinkedHashMap<>();
    switches.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    switches = Collections.unmodifiableMap(copy);
  }

  /** Reads and checks a policy file; every problem names the file and the line. */
  public static ConsentPolicyFile read(Path file) throws PolicyFileException {
    return PolicyFileParser.parse(file);
  }

  /** Whether {@code key} has the form of a setting name ({@code secure:cloud_sync}). */
  public static boolean isSwitchKey(String key) {
    return SWITCH_KEY.matcher(key).matches();
  }

  /** Every switch this policy names, off ({@code 0}): the user who declines everything. */
  public ConsentState allSwitchesOff() {
    Map<String, String> off = new LinkedHashMap<>();
    switches.keySet().forEach(k -> off.put(k, "0"));
    return ConsentState.of(off);
  }

  /** Every switch this policy names, on ({@code 1}): the user who accepts everything. */
  public ConsentState allSwitchesOn() {
    Map<String, String> on = new LinkedHashMap<>();
    switches.keySet().forEach(k -> on.put(k, ON));
    return ConsentState.of(on);
  }

  /** The rules active under {@code state}: always-allowed, then each switch that is on. */
  public List<ConsentRule> activeRules(ConsentState state) {
    List<ConsentRule> active = new ArrayList<>(alwaysAllowed);
    switches.forEach((key, rules) -> {
      if (ON.equals(state.settings().get(key))) {
        active.addAll(rules);
      }
    });
    return active;
  }

  /** The policy judging each finding under the state the timeline had at its flow's time. */
  public ConsentPolicy under(ConsentTimeline timeline) {
    return new RulePolicy(this, timeline);
  }

  /** The policy judging every finding under one state. */
  public ConsentPolicy under(ConsentState state) {
    return under(ConsentTimeline.constant(state));
  }
}
