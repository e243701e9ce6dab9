package io.phonehome.simulator.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class FileAccessTest {
  private final FileAccess access = new FileAccess();

  @Test
  public void shell_user_writes_only_to_local_tmp_and_the_sd_card() {
    assertThat(access.writeError("/data/local/tmp/x", false)).isEmpty();
    assertThat(access.writeError("/sdcard/a/b", false)).isEmpty();
    assertThat(access.writeError("/data/local/tmp", false)).contains("Permission denied");
    assertThat(access.writeError("/data/data/x", false)).contains("Permission denied");
  }

  @Test
  public void system_is_read_only_for_everyone_until_remounted_then_root_only() {
    assertThat(access.writeError("/system/etc/x", true)).contains("Read-only file system");
    assertThat(access.writeError("/system/etc/x", false)).contains("Read-only file system");

    access.remountSystem(true);

    assertThat(access.writeError("/system/etc/x", true)).isEmpty();
    assertThat(access.writeError("/system/etc/x", false)).contains("Permission denied");
  }

  @Test
  public void paths_are_normalized_before_the_check() {
    assertThat(access.writeError("/data/local/tmp/../../../system/x", false))
        .contains("Read-only file system");
  }
}
