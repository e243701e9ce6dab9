package io.phonehome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.testng.annotations.Test;

public class RunCommandTest {
  @Test
  public void the_summary_keeps_devices_yaml_order_whatever_order_devices_finished_in() {
    List<String> finished = List.of("clean:opt-out", "leaky:opt-out", "clean:sms", "ghost:x", "leaky:sms");

    List<String> shown = RunCommand.inDeviceOrder(finished, s -> s.substring(0, s.indexOf(':')),
        List.of("leaky", "clean"));

    assertThat(shown).containsExactly("leaky:opt-out", "leaky:sms", "clean:opt-out", "clean:sms", "ghost:x");
  }
}
