package io.phonehome.consent;

import io.phonehome.detect.Finding;
import java.util.Objects;

/**
 * The policy when no consent policy file is given: after the opt-out, nothing carrying an identifier may leave. Every
 * identifier finding is unconsented; a flow carrying no identifier produces no finding
 * and so passes; a flow whose content the channel hid is unverifiable.
 */
public final class OptOutPolicy implements ConsentPolicy {
  static final String FORBIDDEN = "after the opt-out nothing carrying an identifier may leave";
  static final String HIDDEN = "content hidden from the lab (%s); cannot tell what it carried";

  private final ConsentState state;

  public OptOutPolicy(ConsentState state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** The policy for an audit with no recorded settings. */
  public static OptOutPolicy withUnknownState() {
    return new OptOutPolicy(ConsentState.unknown());
  }

  @Override
  public Verdict judge(Finding finding) {
    if (finding.isHidden()) {
      return new Verdict(Consent.UNVERIFIABLE,
          String.format(HIDDEN, finding.channel().wireName()), state);
    }
    return new Verdict(Consent.UNCONSENTED, FORBIDDEN, state);
  }
}
