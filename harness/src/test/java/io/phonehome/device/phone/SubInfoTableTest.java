package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.device.phone.SubInfoTable.Field;
import org.testng.annotations.Test;

public class SubInfoTableTest {
  @Test
  public void android_4_3_asks_codes_1_3_4_5_without_arguments() {
    SubInfoTable table = SubInfoTable.forSdk(18).orElseThrow();

    assertThat(table.command(Field.IMEI)).isEqualTo("service call iphonesubinfo 1");
    assertThat(table.command(Field.IMSI)).isEqualTo("service call iphonesubinfo 3");
    assertThat(table.command(Field.ICCID)).isEqualTo("service call iphonesubinfo 4");
    assertThat(table.command(Field.PHONE_NUMBER)).isEqualTo("service call iphonesubinfo 5");
  }

  @Test
  public void android_10_and_11_pass_the_shell_package() {
    assertThat(SubInfoTable.forSdk(29).orElseThrow().command(Field.IMSI))
        .isEqualTo("service call iphonesubinfo 7 s16 com.android.shell");
    assertThat(SubInfoTable.forSdk(30).orElseThrow().command(Field.PHONE_NUMBER))
        .isEqualTo("service call iphonesubinfo 15 s16 com.android.shell");
  }

  @Test
  public void versions_without_a_verified_table_have_none() {
    assertThat(SubInfoTable.forSdk(21)).isEmpty();
    assertThat(SubInfoTable.forSdk(28)).isEmpty();
    assertThat(SubInfoTable.forSdk(34)).isEmpty();
  }
}
