package io.phonehome.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.testng.annotations.Test;

public class SettingsSnapshotTest {
  @Test
  public void parses_settings_list_output() {
    assertThat(SettingsSnapshot.parse("secure", "android_id=9774d56d682e549c\ncloud_sync=1\n"))
        .containsEntry("secure:android_id", "9774d56d682e549c")
        .containsEntry("secure:cloud_sync", "1");
  }

  @Test
  public void tells_which_settings_an_action_changed() {
    SettingsSnapshot before = new SettingsSnapshot(Map.of("secure:a", "1", "secure:b", "1", "global:x", "y"));
    SettingsSnapshot after = new SettingsSnapshot(Map.of("secure:a", "0", "secure:b", "1", "global:x", "y"));
    assertThat(before.changedIn(after)).containsExactly(Map.entry("secure:a", "0"));
  }

  @Test
  public void reports_settings_that_did_not_hold() {
    SettingsSnapshot afterReboot = new SettingsSnapshot(Map.of("secure:a", "1"));
    assertThat(afterReboot.differingFrom(Map.of("secure:a", "0", "secure:gone", "0")))
        .containsEntry("secure:a", "1")
        .containsEntry("secure:gone", "null");
  }
}
