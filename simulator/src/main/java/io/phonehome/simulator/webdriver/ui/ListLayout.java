package io.phonehome.simulator.webdriver.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a screen the way Android 4.x preference screens look: an action bar with the
 * title, then a list of rows. Screens add rows top to bottom and {@link #build()} gives the
 * full tree with absolute bounds.
 */
public final class ListLayout {
  public static final int ACTION_BAR_BOTTOM = 240;
  public static final int ROW_HEIGHT = 168;
  private static final int MARGIN = 48;
  private static final int SWITCH_LEFT = 900;

  private final String pkg;
  private final String title;
  private final List<Node> rows = new ArrayList<>();
  private int y = ACTION_BAR_BOTTOM;

  public ListLayout(String pkg, String title) {
    this.pkg = pkg;
    this.title = title;
  }

  /** A row that opens something: a title and, unless empty, a summary under it. */
  public ListLayout navigationRow(String rowTitle, String summary, Action action) {
    List<Node> kids = new ArrayList<>();
    if (summary.isEmpty()) {
      kids.add(text(rowTitle, "android:id/title", new Rect(MARGIN, y + 40, Ui.WIDTH - MARGIN, y + 128)));
    } else {
      kids.add(text(rowTitle, "android:id/title", new Rect(MARGIN, y + 24, Ui.WIDTH - MARGIN, y + 88)));
      kids.add(text(summary, "android:id/summary", new Rect(MARGIN, y + 92, Ui.WIDTH - MARGIN, y + 144)));
    }
    return row(Node.builder("android.widget.LinearLayout", pkg, rowRect()).onClick(action).focusable(true)
        .children(kids));
  }

  /** A row showing a value, that does nothing when tapped. */
  public ListLayout textRow(String rowTitle, String summary) {
    return row(Node.builder("android.widget.LinearLayout", pkg, rowRect()).children(List.of(
        text(rowTitle, "android:id/title", new Rect(MARGIN, y + 24, Ui.WIDTH - MARGIN, y + 88)),
        text(summary, "android:id/summary", new Rect(MARGIN, y + 92, Ui.WIDTH - MARGIN, y + 144)))));
  }

  /**
   * A preference with a switch: the label on the left, the switch on the right. A tap on
   * the row, its label or the switch runs {@code toggle}.
   */
  public ListLayout switchRow(String label, boolean checked, Action toggle) {
    Node titleView = text(label, "android:id/title", new Rect(MARGIN, y + 40, SWITCH_LEFT - 24, y + 128));
    Node switchView = Node.builder("android.widget.Switch", pkg,
            new Rect(SWITCH_LEFT, y + 42, Ui.WIDTH - MARGIN, y + 126))
        .resourceId("android:id/switch_widget").contentDesc(label)
        .checkable(true).checked(checked).focusable(true).onClick(toggle).build();
    return row(Node.builder("android.widget.LinearLayout", pkg, rowRect()).onClick(toggle).focusable(true)
        .children(List.of(titleView, switchView)));
  }

  /** An editable text box filling a row. */
  public ListLayout editText(String resourceId, TextField field) {
    Node box = Node.builder("android.widget.EditText", pkg,
            new Rect(MARGIN, y + 24, Ui.WIDTH - MARGIN, y + 144))
        .resourceId(resourceId).contentDesc(field.hint()).field(field).clickable(true).longClickable(true)
        .build();
    rows.add(box);
    y += ROW_HEIGHT;
    return this;
  }

  public ListLayout button(String resourceId, String label, Action action) {
    return button(resourceId, label, "", action);
  }

  /** A button with an accessibility label ({@code content-desc}), as icon buttons have. */
  public ListLayout button(String resourceId, String label, String contentDesc, Action action) {
    rows.add(Node.builder("android.widget.Button", pkg, new Rect(MARGIN, y + 24, Ui.WIDTH - MARGIN, y + 144))
        .resourceId(resourceId).text(label).contentDesc(contentDesc).focusable(true).onClick(action).build());
    y += ROW_HEIGHT;
    return this;
  }

  public Node build() {
    Node titleView = text(title, "android:id/action_bar_title",
        new Rect(MARGIN, Ui.STATUS_BAR_HEIGHT + 48, Ui.WIDTH - MARGIN, ACTION_BAR_BOTTOM - 48));
    Node actionBar = Node.builder("android.widget.FrameLayout", pkg,
            new Rect(0, Ui.STATUS_BAR_HEIGHT, Ui.WIDTH, ACTION_BAR_BOTTOM))
        .resourceId("android:id/action_bar").children(List.of(titleView)).build();
    Node list = Node.builder("android.widget.ListView", pkg, new Rect(0, ACTION_BAR_BOTTOM, Ui.WIDTH, Ui.HEIGHT))
        .resourceId("android:id/list").scrollable(true).focusable(true).children(rows).build();
    Node content = Node.builder("android.widget.LinearLayout", pkg,
            new Rect(0, Ui.STATUS_BAR_HEIGHT, Ui.WIDTH, Ui.HEIGHT))
        .children(List.of(actionBar, list)).build();
    return Node.builder("android.widget.FrameLayout", pkg, new Rect(0, 0, Ui.WIDTH, Ui.HEIGHT))
        .children(List.of(content)).build();
  }

  private ListLayout row(Node.Builder row) {
    rows.add(row.build());
    y += ROW_HEIGHT;
    return this;
  }

  private Rect rowRect() {
    return new Rect(0, y, Ui.WIDTH, y + ROW_HEIGHT);
  }

  private Node text(String value, String resourceId, Rect bounds) {
    return Node.builder("android.widget.TextView", pkg, bounds).text(value).resourceId(resourceId).build();
  }
}
