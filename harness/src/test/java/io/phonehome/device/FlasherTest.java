package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.testng.annotations.Test;

public class FlasherTest {
  @Test
  public void substitutes_serial_and_image_quoted_for_the_shell() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("serial", "4df1e9a2");
    values.put("image", "/lab/images/it's patched.zip");
    assertThat(Flasher.command("fastboot -s {serial} update {image}", values))
        .isEqualTo("fastboot -s '4df1e9a2' update '/lab/images/it'\\''s patched.zip'");
  }

  @Test
  public void default_template_installs_through_recovery() {
    String cmd = Flasher.command(Flasher.RECOVERY_TEMPLATE,
        Map.of("serial", "127.0.0.1:5555", "image", "b.yaml", "adb", "/usr/bin/adb"));
    assertThat(cmd).contains("'/usr/bin/adb' -s '127.0.0.1:5555' push 'b.yaml' /data/local/tmp/update.zip",
        "echo --update_package=/data/local/tmp/update.zip > /cache/recovery/command",
        "reboot recovery");
  }
}
