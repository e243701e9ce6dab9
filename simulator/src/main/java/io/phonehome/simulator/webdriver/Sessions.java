package io.phonehome.simulator.webdriver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The handset runs one session at a time, as a UiAutomator2 server on a phone does. */
final class Sessions {
  private Session current;

  /** Starts a session; one still open is ended, as a new Appium session on a busy device would. */
  synchronized Session create(Map<String, Object> capabilities, Duration idleTimeout) {
    current = new Session(capabilities, idleTimeout);
    return current;
  }

  /** The session named by {@code id}, or invalid session id. */
  synchronized Session require(String id) {
    Instant now = Instant.now();
    if (current != null && current.idleSince(now)) {
      current = null;
    }
    if (current == null || !current.id().equals(id)) {
      throw W3cError.invalidSessionId("session " + id + " does not exist (it was deleted, timed out after "
          + "appium:newCommandTimeout, or never created); start a new session");
    }
    current.touch(now);
    return current;
  }

  synchronized void delete(String id) {
    require(id);
    current = null;
  }

  /** The session that runs now, if any. */
  synchronized java.util.Optional<Session> current() {
    if (current != null && current.idleSince(Instant.now())) {
      current = null;
    }
    return java.util.Optional.ofNullable(current);
  }

  synchronized boolean busy() {
    return current != null && !current.idleSince(Instant.now());
  }
}
