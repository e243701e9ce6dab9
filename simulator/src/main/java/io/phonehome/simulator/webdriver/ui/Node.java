package io.phonehome.simulator.webdriver.ui;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One view of a rendered screen, with the attributes UiAutomator reports for it. Nodes are
 * immutable snapshots: a screen renders a fresh tree each time it is looked at, so the
 * tree always shows the handset's current state.
 */
public final class Node {
  private final String className;
  private final String packageName;
  private final String text;
  private final String resourceId;
  private final String contentDesc;
  private final boolean checkable;
  private final boolean checked;
  private final boolean clickable;
  private final boolean enabled;
  private final boolean focusable;
  private final boolean focused;
  private final boolean longClickable;
  private final boolean password;
  private final boolean scrollable;
  private final boolean selected;
  private final Rect bounds;
  private final List<Node> children;
  private final Action onClick;
  private final TextField field;

  private Node(Builder b) {
    this.className = Objects.requireNonNull(b.className, "className");
    this.packageName = Objects.requireNonNull(b.packageName, "packageName");
    this.text = b.text;
    this.resourceId = b.resourceId;
    this.contentDesc = b.contentDesc;
    this.checkable = b.checkable;
    this.checked = b.checked;
    this.clickable = b.clickable || b.onClick != null;
    this.enabled = b.enabled;
    this.focusable = b.focusable || b.field != null;
    this.focused = b.focused;
    this.longClickable = b.longClickable;
    this.password = b.field != null && b.field.password();
    this.scrollable = b.scrollable;
    this.selected = b.selected;
    this.bounds = Objects.requireNonNull(b.bounds, "bounds");
    this.children = List.copyOf(b.children);
    this.onClick = b.onClick;
    this.field = b.field;
  }

  public static Builder builder(String className, String packageName, Rect bounds) {
    return new Builder(className, packageName, bounds);
  }

  public String className() {
    return className;
  }

  public String packageName() {
    return packageName;
  }

  /** The text shown; for an editable field its current value. */
  public String text() {
    return field != null ? field.value() : text;
  }

  public String resourceId() {
    return resourceId;
  }

  public String contentDesc() {
    return contentDesc;
  }

  public boolean checkable() {
    return checkable;
  }

  public boolean checked() {
    return checked;
  }

  public boolean clickable() {
    return clickable;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean focusable() {
    return focusable;
  }

  public boolean focused() {
    return focused;
  }

  public boolean longClickable() {
    return longClickable;
  }

  public boolean password() {
    return password;
  }

  public boolean scrollable() {
    return scrollable;
  }

  public boolean selected() {
    return selected;
  }

  public Rect bounds() {
    return bounds;
  }

  public List<Node> children() {
    return children;
  }

  public Optional<Action> onClick() {
    return Optional.ofNullable(onClick);
  }

  /** The field behind an editable view; empty for views that take no text. */
  public Optional<TextField> field() {
    return Optional.ofNullable(field);
  }

  /** Builds a node; every string attribute defaults to empty, {@code enabled} to true. */
  public static final class Builder {
    private final String className;
    private final String packageName;
    private final Rect bounds;
    private String text = "";
    private String resourceId = "";
    private String contentDesc = "";
    private boolean checkable;
    private boolean checked;
    private boolean clickable;
    private boolean enabled = true;
    private boolean focusable;
    private boolean focused;
    private boolean longClickable;
    private boolean scrollable;
    private boolean selected;
    private List<Node> children = List.of();
    private Action onClick;
    private TextField field;

    private Builder(String className, String packageName, Rect bounds) {
      this.className = className;
      this.packageName = packageName;
      this.bounds = bounds;
    }

    public Builder text(String v) {
      text = Objects.requireNonNull(v);
      return this;
    }

    public Builder resourceId(String v) {
      resourceId = Objects.requireNonNull(v);
      return this;
    }

    public Builder contentDesc(String v) {
      contentDesc = Objects.requireNonNull(v);
      return this;
    }

    public Builder checkable(boolean v) {
      checkable = v;
      return this;
    }

    public Builder checked(boolean v) {
      checked = v;
      return this;
    }

    public Builder clickable(boolean v) {
      clickable = v;
      return this;
    }

    public Builder enabled(boolean v) {
      enabled = v;
      return this;
    }

    public Builder focusable(boolean v) {
      focusable = v;
      return this;
    }

    public Builder focused(boolean v) {
      focused = v;
      return this;
    }

    public Builder longClickable(boolean v) {
      longClickable = v;
      return this;
    }

    public Builder scrollable(boolean v) {
      scrollable = v;
      return this;
    }

    public Builder selected(boolean v) {
      selected = v;
      return this;
    }

    public Builder children(List<Node> v) {
      children = v;
      return this;
    }

    /** Makes the view clickable; a tap on it or on a child without its own action runs this. */
    public Builder onClick(Action v) {
      onClick = v;
      return this;
    }

    /** Makes the view an editable text box backed by {@code v}. */
    public Builder field(TextField v) {
      field = v;
      return this;
    }

    public Node build() {
      return new Node(this);
    }
  }
}
