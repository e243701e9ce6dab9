package io.phonehome.simulator.webdriver.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.webdriver.ui.Located;
import io.phonehome.simulator.webdriver.ui.Rect;
import io.phonehome.simulator.webdriver.ui.Screens;
import io.phonehome.simulator.webdriver.ui.Ui;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.testng.annotations.Test;

public class ScreenRendererTest {
  private static BufferedImage render(Ui ui) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(ScreenRenderer.png(ui.render().root(), "10:00")));
  }

  private static Rect firstSwitch(Ui ui) {
    return ui.render().all().stream().map(Located::node)
        .filter(n -> n.className().equals("android.widget.Switch")).findFirst().orElseThrow().bounds();
  }

  @Test
  public void draws_a_phone_sized_png() throws Exception {
    BufferedImage image = render(Screens.onPrivacy());
    assertThat(image.getWidth()).isEqualTo(1080);
    assertThat(image.getHeight()).isEqualTo(2340);
  }

  @Test
  public void a_switch_turned_off_is_drawn_differently() throws Exception {
    Ui ui = Screens.onPrivacy();
    Rect sw = firstSwitch(ui);
    int onRight = render(ui).getRGB(sw.right() - sw.height() / 2, sw.top() + sw.height() / 2);
    int onLeft = render(ui).getRGB(sw.left() + sw.height() / 2, sw.top() + sw.height() / 2);
    ui.state().settings().put("secure:cloud_sync", "0");
    BufferedImage off = render(ui);
    assertThat(off.getRGB(sw.right() - sw.height() / 2, sw.top() + sw.height() / 2)).isNotEqualTo(onRight);
    assertThat(off.getRGB(sw.left() + sw.height() / 2, sw.top() + sw.height() / 2)).isNotEqualTo(onLeft);
  }
}
