package io.phonehome.simulator.firmware;

import java.util.Arrays;
import java.util.Optional;

/** Whether a service's uploads honour the handset's proxy setting. */
public enum Route {
  /** Goes through {@code global http_proxy} when one is set, as Android's HTTP stack does. */
  PROXY("proxy"),
  /** Ignores the proxy setting: opens its own socket (in the simulator, to the loopback sink). */
  DIRECT("direct");

  private final String word;

  Route(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<Route> of(String word) {
    return Arrays.stream(values()).filter(r -> r.word.equals(word)).findFirst();
  }
}
