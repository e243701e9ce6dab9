package io.phonehome.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class ScenarioStepsTest {
  @Test
  public void switches_tapped_without_any_setting_changing_did_not_take() {
    assertThat(ScenarioSteps.tappedInVain(List.of("Cloud sync", "Send statistics"), Map.of()))
        .hasValueSatisfying(m -> assertThat(m).startsWith("tapped 2 switch(es) through the UI (Cloud sync, Send statistics)")
            .contains("no setting changed over adb"));
  }

  @Test
  public void a_tap_that_changed_a_setting_or_no_tap_at_all_is_fine() {
    assertThat(ScenarioSteps.tappedInVain(List.of("Cloud sync"), Map.of("secure:cloud_sync", "0"))).isEmpty();
    assertThat(ScenarioSteps.tappedInVain(List.of(), Map.of())).isEmpty();
  }
}
