package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class SubInfoDumpTest {
  @Test
  public void reads_device_id_from_4_x_dumpsys() {
    assertThat(SubInfoDump.parse(Samples.read("dumpsys-iphonesubinfo-4.3.txt"))).contains("861234567890123");
  }

  @Test
  public void null_or_missing_device_id_is_empty() {
    assertThat(SubInfoDump.parse("Phone Subscriber Info:\r\n  Phone Type = GSM\r\n  Device ID = null\r\n")).isEmpty();
    assertThat(SubInfoDump.parse("Phone Subscriber Info:\n  Phone Type = GSM\n")).isEmpty();
    assertThat(SubInfoDump.parse("Can't find service: iphonesubinfo")).isEmpty();
  }
}
