package io.phonehome.simulator.webdriver;

import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.RenderedTree;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One WebDriver session: its capabilities, the element ids it handed out, and when it was
 * last used (Appium ends a session left idle for {@code appium:newCommandTimeout}).
 */
final class Session {
  private record ElementRef(long generation, String path, String className) {}

  private static final int MAX_ELEMENTS = 10_000;

  private final String id = UUID.randomUUID().toString();
  private final Map<String, Object> capabilities;
  private final Duration idleTimeout;
  /** Bounded so a long nightly session does not grow without end; an evicted id is no such element. */
  private final Map<String, ElementRef> refs = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ElementRef> eldest) {
      return size() > MAX_ELEMENTS;
    }
  };
  private final Map<String, String> idsByPlace = new HashMap<>();
  private long placesGeneration;
  private final Map<String, Object> timeouts = new HashMap<>(Map.of("implicit", 0, "pageLoad", 300000, "script", 30000));
  private Instant lastUsed = Instant.now();

  Session(Map<String, Object> capabilities, Duration idleTimeout) {
    this.capabilities = capabilities;
    this.idleTimeout = idleTimeout;
  }

  String id() {
    return id;
  }

  Map<String, Object> capabilities() {
    return capabilities;
  }

  Map<String, Object> timeouts() {
    return timeouts;
  }

  boolean idleSince(Instant now) {
    return !idleTimeout.isZero() && lastUsed.plus(idleTimeout).isBefore(now);
  }

  void touch(Instant now) {
    lastUsed = now;
  }

  /** The id of a view; the same view of the same screen always gets the same id. */
  String elementId(Located l, long generation) {
    if (generation != placesGeneration) {
      idsByPlace.clear();
      placesGeneration = generation;
    }
    String place = l.path();
    String known = idsByPlace.get(place);
    ElementRef ref = known == null ? null : refs.get(known);
    if (ref != null && ref.className().equals(l.node().className())) {
      return known;
    }
    String eid = UUID.randomUUID().toString();
    refs.put(eid, new ElementRef(generation, place, l.node().className()));
    idsByPlace.put(place, eid);
    return eid;
  }

  /** The view an id names in {@code tree}, or stale element reference when its screen is gone. */
  Located resolve(String elementId, RenderedTree tree) {
    ElementRef ref = refs.get(elementId);
    if (ref == null) {
      throw W3cError.noSuchElement("no element with id " + elementId + " was found in this session");
    }
    if (ref.generation() != tree.generation()) {
      throw W3cError.staleElement("element " + elementId + " (" + ref.className()
          + ") belongs to a screen that is no longer shown; find it again");
    }
    return tree.byPath(ref.path())
        .filter(l -> l.node().className().equals(ref.className()))
        .orElseThrow(() -> W3cError.staleElement("element " + elementId + " (" + ref.className()
            + ") is no longer on the screen; find it again"));
  }
}
