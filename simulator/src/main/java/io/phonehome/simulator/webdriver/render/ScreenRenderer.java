package io.phonehome.simulator.webdriver.render;

import io.phonehome.simulator.webdriver.ui.LauncherScreen;
import io.phonehome.simulator.webdriver.ui.Node;
import io.phonehome.simulator.webdriver.ui.Rect;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a view tree as the phone's screen would show it (status bar, action bar, rows,
 * switches on or off, text boxes) and encodes it as PNG. Works on machines with no display.
 */
public final class ScreenRenderer {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color STATUS_BAR = new Color(0x1a1a1a);
  private static final Color ACTION_BAR = new Color(0x263238);
  private static final Color ACCENT = new Color(0x33b5e5);
  private static final Color TEXT = new Color(0x212121);
  private static final Color SUBTLE = new Color(0x757575);
  private static final Color DIVIDER = new Color(0xe0e0e0);

  private ScreenRenderer() {}

  /** The screen as PNG bytes, {@link Ui#WIDTH} by {@link Ui#HEIGHT} pixels. */
  public static byte[] png(Node root, String clock) {
    BufferedImage image = new BufferedImage(Ui.WIDTH, Ui.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(root.packageName().equals(LauncherScreen.PACKAGE) ? new Color(0x37474f) : Color.WHITE);
      g.fillRect(0, 0, Ui.WIDTH, Ui.HEIGHT);
      draw(g, root);
      statusBar(g, clock);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, Node n) {
    Rect r = n.bounds();
    switch (n.className()) {
      case "android.widget.Switch" -> drawSwitch(g, r, n.checked());
      case "android.widget.EditText" -> drawEditText(g, n);
      case "android.widget.Button" -> {
        g.setColor(DIVIDER);
        g.fillRoundRect(r.left(), r.top(), r.width(), r.height(), 16, 16);
        text(g, n.text(), r, 44, Font.BOLD, TEXT, true);
      }
      case "android.widget.TextView" -> drawText(g, n);
      default -> {
        if (n.resourceId().equals("android:id/action_bar")) {
          g.setColor(ACTION_BAR);
          g.fillRect(r.left(), r.top(), r.width(), r.height());
        } else if (n.clickable() && n.className().equals("android.widget.LinearLayout")) {
          g.setColor(DIVIDER);
          g.fillRect(r.left() + 32, r.bottom() - 2, r.width() - 64, 2);
        }
      }
    }
    for (Node child : n.children()) {
      draw(g, child);
    }
  }

  private static void drawText(Graphics2D g, Node n) {
    Rect r = n.bounds();
    if (n.packageName().equals(LauncherScreen.PACKAGE)) {
      int size = 150;
      int x = r.left() + (r.width() - size) / 2;
      g.setColor(ACCENT);
      g.fillRoundRect(x, r.top() + 30, size, size, 40, 40);
      text(g, n.text(), new Rect(r.left(), r.top() + 200, r.right(), r.bottom()), 38, Font.PLAIN, Color.WHITE, true);
    } else if (n.resourceId().equals("android:id/action_bar_title")) {
      text(g, n.text(), r, 60, Font.BOLD, Color.WHITE, false);
    } else if (n.resourceId().equals("android:id/summary")) {
      text(g, n.text(), r, 40, Font.PLAIN, SUBTLE, false);
    } else {
      text(g, n.text(), r, 50, Font.PLAIN, TEXT, false);
    }
  }

  private static void drawSwitch(Graphics2D g, Rect r, boolean on) {
    int trackHeight = r.height() / 2;
    int trackTop = r.top() + (r.height() - trackHeight) / 2;
    g.setColor(on ? ACCENT.brighter() : new Color(0xbdbdbd));
    g.fillRoundRect(r.left(), trackTop, r.width(), trackHeight, trackHeight, trackHeight);
    int thumb = r.height() - 8;
    int thumbLeft = on ? r.right() - thumb : r.left();
    g.setColor(on ? ACCENT : new Color(0xf5f5f5));
    g.fillOval(thumbLeft, r.top() + 4, thumb, thumb);
    g.setColor(new Color(0x9e9e9e));
    g.setStroke(new BasicStroke(2));
    g.drawOval(thumbLeft, r.top() + 4, thumb, thumb);
  }

  private static void drawEditText(Graphics2D g, Node n) {
    Rect r = n.bounds();
    g.setColor(ACCENT);
    g.fillRect(r.left(), r.bottom() - 4, r.width(), 4);
    String value = n.text();
    if (value.isEmpty()) {
      text(g, n.contentDesc(), r, 48, Font.PLAIN, SUBTLE, false);
    } else {
      text(g, n.password() ? "\u2022".repeat(value.length()) : value, r, 48, Font.PLAIN, TEXT, false);
    }
  }

  private static void statusBar(Graphics2D g, String clock) {
    g.setColor(STATUS_BAR);
    g.fillRect(0, 0, Ui.WIDTH, Ui.STATUS_BAR_HEIGHT);
    g.setColor(Color.WHITE);
    g.fillRect(Ui.WIDTH - 90, 20, 50, 32);
    g.fillRect(Ui.WIDTH - 40, 28, 6, 16);
    text(g, clock, new Rect(Ui.WIDTH - 300, 0, Ui.WIDTH - 110, Ui.STATUS_BAR_HEIGHT), 40, Font.PLAIN, Color.WHITE,
        false);
  }

  private static void text(Graphics2D g, String s, Rect r, int size, int style, Color color, boolean centered) {
    if (s.isEmpty()) {
      return;
    }
    try {
      g.setFont(new Font(Font.SANS_SERIF, style, size));
      g.setColor(color);
      FontMetrics m = g.getFontMetrics();
      int y = r.top() + (r.height() + m.getAscent() - m.getDescent()) / 2;
      int x = centered ? r.left() + Math.max(0, (r.width() - m.stringWidth(s)) / 2) : r.left();
      g.setClip(r.left(), r.top(), r.width(), r.height());
      g.drawString(s, x, y);
    } catch (RuntimeException | InternalError e) {
      // a machine without fonts still gets the shapes of the screen
    } finally {
      g.setClip(null);
    }
  }
}
