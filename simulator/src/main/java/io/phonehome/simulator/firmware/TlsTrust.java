package io.phonehome.simulator.firmware;

import java.util.Arrays;
import java.util.Optional;

/** Which certificates a service accepts for https, as an Android app can choose. */
public enum TlsTrust {
  /** System CAs and CAs the user installed (apps targeting Android 6 and older). */
  TRUSTS_USER_CA("trusts-user-ca"),
  /** System CAs only (the default for apps targeting Android 7 and later). */
  TRUSTS_SYSTEM_CA("trusts-system-ca"),
  /** Only the vendor's own key: no lab CA, however installed, is accepted. */
  PINNED("pinned");

  private final String word;

  TlsTrust(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<TlsTrust> of(String word) {
    return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
  }
}
