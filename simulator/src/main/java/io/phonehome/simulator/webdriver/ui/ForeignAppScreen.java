package io.phonehome.simulator.webdriver.ui;

import java.util.List;

/**
 * An activity of an installed APK, whose code the handset does not run: the app's
 * window with nothing in it, so that the screen, {@code dumpsys window} and the page
 * source agree on which app is in front.
 */
public final class ForeignAppScreen implements Screen {
  private final String packageName;
  private final String activity;

  /** The activity {@code activity} (fully qualified or {@code .Cls}) of {@code packageName}. */
  public ForeignAppScreen(String packageName, String activity) {
    this.packageName = packageName;
    this.activity = activity;
  }

  @Override
  public String packageName() {
    return packageName;
  }

  @Override
  public String activity() {
    return activity;
  }

  @Override
  public Node render(Ui ui) {
    Node content = Node.builder("android.widget.FrameLayout", packageName,
        new Rect(0, Ui.STATUS_BAR_HEIGHT, Ui.WIDTH, Ui.HEIGHT)).resourceId("android:id/content").build();
    return Node.builder("android.widget.FrameLayout", packageName, new Rect(0, 0, Ui.WIDTH, Ui.HEIGHT))
        .children(List.of(content)).build();
  }
}
