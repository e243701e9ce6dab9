package io.phonehome.consent;

import io.phonehome.detect.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The policy of a consent policy file over a consent timeline: a finding is consented only
 * when a rule active under the state at its flow's time allows its identifier to its host.
 * Hidden content (tls-refused, quic) and flows a limit kept from being read whole stay
 * unverifiable. Obtain one with
 * {@link ConsentPolicyFile#under(ConsentTimeline)}.
 */
public final class RulePolicy implements ConsentPolicy {
  private final ConsentPolicyFile file;
  private final ConsentTimeline timeline;

  public RulePolicy(ConsentPolicyFile file, ConsentTimeline timeline) {
    this.file = Objects.requireNonNull(file, "file");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
  }

  @Override
  public Verdict judge(Finding finding) {
    ConsentTimeline.At at = timeline.at(finding.time());
    ConsentState state = at.state();
    String before = at.beforeFirstEntry()
        ? "; flow seen before the first recorded consent state, judged under it" : "";
    if (finding.isHidden()) {
      return new Verdict(Consent.UNVERIFIABLE, OptOutPolicy.unverifiable(finding) + before, state);
    }
    for (ConsentRule rule : file.activeRules(state)) {
      if (rule.allows(finding)) {
        return new Verdict(Consent.CONSENTED, "allowed by " + rule.describe() + before, state);
      }
    }
    return new Verdict(Consent.UNCONSENTED, "no rule allows " + finding.identifier() + " to "
        + finding.host() + " under " + switchStates(state) + wouldAllow(finding, state) + before,
        state);
  }

  /** Each switch the policy names with its value; a setting never recorded counts as off. */
  private String switchStates(ConsentState state) {
    if (file.switches().isEmpty()) {
      return "a policy with no switches (only always-allowed rules)";
    }
    return file.switches().keySet().stream()
        .map(k -> k + "=" + state.settings().getOrDefault(k, "unset"))
        .collect(Collectors.joining(", "));
  }

  /** Names the switch that would have allowed it, so the reader sees which consent was missing. */
  private String wouldAllow(Finding finding, ConsentState state) {
    for (Map.Entry<String, List<ConsentRule>> e : file.switches().entrySet()) {
      if (ConsentPolicyFile.ON.equals(state.settings().get(e.getKey()))) {
        continue;
      }
      for (ConsentRule rule : e.getValue()) {
        if (rule.allows(finding)) {
          return " (" + rule.describe() + " allows it only while " + e.getKey() + " is on)";
        }
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "policy " + file.source() + " over " + timeline.entries().size() + " consent state(s)";
  }
}
