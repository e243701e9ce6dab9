package io.phonehome.consent;

import io.phonehome.detect.Finding;
import java.util.Objects;

/**
 * The policy when no consent policy file is given: after the opt-out, nothing carrying an identifier may leave. Every
 * identifier finding is unconsented; a flow carrying no identifier produces no finding
 * and so passes; a flow whose content the channel hid, or that a limit kept from being
 * read whole, is unverifiable.
 */
public final class OptOutPolicy implements ConsentPolicy {
  static final String FORBIDDEN = "after the opt-out nothing carrying an identifier may leave";
  static final String HIDDEN = "content hidden from the lab (%s); cannot tell what it carried";
  static final String UNREAD = "not read whole (%s); cannot tell what the rest carried";

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
      return new Verdict(Consent.UNVERIFIABLE, unverifiable(finding), state);
    }
    return new Verdict(Consent.UNCONSENTED, FORBIDDEN, state);
  }

  /** Why a hidden or unread finding is unverifiable: the channel that hid it, or the limit it ran into. */
  static String unverifiable(Finding finding) {
    return finding.isUnread() ? String.format(UNREAD, finding.detail())
        : String.format(HIDDEN, finding.channel().wireName());
  }
}
