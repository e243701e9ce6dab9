package io.phonehome.simulator.webdriver.ui;

import java.util.ArrayList;
import java.util.List;

/** The home screen: one icon per installed app, four to a row. */
public final class LauncherScreen implements Screen {
  public static final String PACKAGE = "com.android.launcher";
  private static final int COLUMNS = 4;
  private static final int ICON_WIDTH = Ui.WIDTH / COLUMNS;
  private static final int ICON_HEIGHT = 300;
  private static final int FIRST_ROW_TOP = 200;

  @Override
  public String packageName() {
    return PACKAGE;
  }

  @Override
  public String activity() {
    return "com.android.launcher2.Launcher";
  }

  @Override
  public Node render(Ui ui) {
    List<Node> icons = new ArrayList<>();
    List<App> apps = ui.apps().all();
    for (int i = 0; i < apps.size(); i++) {
      App app = apps.get(i);
      int left = (i % COLUMNS) * ICON_WIDTH;
      int top = FIRST_ROW_TOP + (i / COLUMNS) * ICON_HEIGHT;
      icons.add(Node.builder("android.widget.TextView", PACKAGE,
              new Rect(left, top, left + ICON_WIDTH, top + ICON_HEIGHT))
          .text(app.label()).contentDesc(app.label()).focusable(true).longClickable(true)
          .onClick(u -> u.launch(app.packageName())).build());
    }
    Node workspace = Node.builder("android.view.View", PACKAGE,
            new Rect(0, Ui.STATUS_BAR_HEIGHT, Ui.WIDTH, Ui.HEIGHT))
        .resourceId(PACKAGE + ":id/workspace").scrollable(true).children(icons).build();
    return Node.builder("android.widget.FrameLayout", PACKAGE, new Rect(0, 0, Ui.WIDTH, Ui.HEIGHT))
        .children(List.of(workspace)).build();
  }
}
