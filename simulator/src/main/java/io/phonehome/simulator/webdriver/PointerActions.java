package io.phonehome.simulator.webdriver;

import com.fasterxml.jackson.databind.JsonNode;
import io.phonehome.simulator.webdriver.ui.Rect;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.util.List;

/**
 * W3C actions for touch pointers: a down and up at about the same place is a tap on the
 * view under the finger. Swipes change nothing (every view is laid out at once) and a
 * long press does not click, as on Android.
 */
final class PointerActions {
  private static final int TOUCH_SLOP = 24;
  private static final long LONG_PRESS_MILLIS = 500;

  private final Ui ui;
  private final Sessions sessions;

  PointerActions(Ui ui, Sessions sessions) {
    this.ui = ui;
    this.sessions = sessions;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/session/{sessionId}/actions", this::perform),
        Route.of("DELETE", "/session/{sessionId}/actions", r -> {
          sessions.require(r.param("sessionId"));
          return null;
        }));
  }

  private Object perform(Request r) {
    Session session = sessions.require(r.param("sessionId"));
    JsonNode sources = r.body().path("actions");
    if (!sources.isArray()) {
      throw W3cError.invalidArgument("'actions' must be an array of input sources");
    }
    for (JsonNode source : sources) {
      if (source.path("type").asText().equals("pointer")) {
        pointer(session, source.path("actions"));
      }
    }
    return null;
  }

  private void pointer(Session session, JsonNode actions) {
    int x = 0;
    int y = 0;
    int downX = 0;
    int downY = 0;
    boolean down = false;
    long heldMillis = 0;
    for (JsonNode a : actions) {
      switch (a.path("type").asText()) {
        case "pointerMove" -> {
          int[] p = target(session, a, x, y);
          if (down && (Math.abs(p[0] - downX) > TOUCH_SLOP || Math.abs(p[1] - downY) > TOUCH_SLOP)) {
            down = false; // a swipe, not a tap
          }
          x = p[0];
          y = p[1];
          heldMillis += a.path("duration").asLong(0);
        }
        case "pointerDown" -> {
          down = true;
          downX = x;
          downY = y;
          heldMillis = 0;
        }
        case "pause" -> heldMillis += a.path("duration").asLong(0);
        case "pointerUp" -> {
          if (down && heldMillis < LONG_PRESS_MILLIS) {
            Taps.tapAt(downX, downY, ui);
          }
          down = false;
        }
        default -> {
          // pointerCancel and unknown kinds end nothing the handset tracks
        }
      }
    }
  }

  private int[] target(Session session, JsonNode move, int x, int y) {
    int dx = move.path("x").asInt(0);
    int dy = move.path("y").asInt(0);
    JsonNode origin = move.path("origin");
    if (origin.isObject()) {
      String elementId = origin.has(ElementCommands.ELEMENT_KEY)
          ? origin.get(ElementCommands.ELEMENT_KEY).asText() : origin.path("ELEMENT").asText();
      Rect b = session.resolve(elementId, ui.render()).node().bounds();
      return new int[] {b.left() + b.width() / 2 + dx, b.top() + b.height() / 2 + dy};
    }
    if (origin.asText("viewport").equals("pointer")) {
      return new int[] {x + dx, y + dy};
    }
    return new int[] {dx, dy};
  }
}
