package io.phonehome.simulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.state.Identity;
import io.phonehome.simulator.state.PhoneState;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class TelephonyShellTest {
  private static String run(AndroidShell shell, String line) {
    return shell.run(line).output();
  }

  @Test
  public void a_phone_with_a_sim_answers_every_identifier() {
    AndroidShell shell = Phones.shell(Phones.withSim());
    assertThat(run(shell, "service call iphonesubinfo 1")).contains("'........8.6.1.2.'");
    assertThat(run(shell, "service call iphonesubinfo 3")).contains("0000000f 00360034").contains("'........4.6.6.9.'");
    assertThat(run(shell, "service call iphonesubinfo 4")).contains("00000014 00390038");
    assertThat(run(shell, "service call iphonesubinfo 5")).isEqualTo(ParcelDump.ofString(Phones.NUMBER));
    assertThat(run(shell, "service call iphonesubinfo 7")).isEqualTo(ParcelDump.ofString(Phones.NUMBER));
    assertThat(run(shell, "getprop gsm.sim.state")).isEqualTo("READY\n");
    assertThat(run(shell, "getprop gsm.sim.operator.alpha")).isEqualTo("Chunghwa Telecom\n");
    assertThat(run(shell, "getprop gsm.operator.alpha")).isEqualTo("Chunghwa Telecom\n");
    assertThat(run(shell, "getprop gsm.sim.operator.numeric")).isEqualTo("46692\n");
    assertThat(run(shell, "getprop gsm.network.type")).isEqualTo("HSPA\n");
    assertThat(run(shell, "getprop ro.serialno")).isEqualTo("4df1e9a2\n");
    assertThat(run(shell, "cat /sys/class/net/wlan0/address")).isEqualTo("ac:f7:f3:12:34:56\n");
  }

  @Test
  public void a_phone_without_a_sim_answers_null_for_sim_values_but_still_its_imei() {
    AndroidShell shell = Phones.shell(Phones.withoutSim());
    assertThat(run(shell, "getprop gsm.sim.state")).isEqualTo("ABSENT\n");
    assertThat(run(shell, "getprop gsm.sim.operator.alpha")).isEqualTo("\n");
    for (int code : new int[] {3, 4, 5, 6, 7}) {
      assertThat(run(shell, "service call iphonesubinfo " + code)).as("code " + code)
          .isEqualTo("Result: Parcel(00000000 ffffffff   '........')\n");
    }
    assertThat(run(shell, "service call iphonesubinfo 1")).isEqualTo(ParcelDump.ofString(Phones.IMEI));
    assertThat(run(shell, "dumpsys telephony.registry")).contains("mServiceState=1 1 ")
        .contains("mDataConnectionState=0");
  }

  @Test
  public void android_id_is_the_identity_value_or_a_stable_one_derived_from_the_imei() {
    PhoneState given = new PhoneState(Phones.profile(null),
        new Identity(Map.of("imei", Phones.IMEI, "android-id", "9774d56d682e549c"), List.of()));
    assertThat(run(Phones.shell(given), "settings get secure android_id")).isEqualTo("9774d56d682e549c\n");

    String derived = run(Phones.shell(Phones.withoutSim()), "settings get secure android_id");
    assertThat(derived).matches("[0-9a-f]{16}\n");
    assertThat(run(Phones.shell(Phones.withoutSim()), "settings get secure android_id")).isEqualTo(derived);
  }

  @Test
  public void dumpsys_prints_the_device_id_and_the_registry_in_android_4_form() {
    AndroidShell shell = Phones.shell(Phones.withSim());
    assertThat(run(shell, "dumpsys iphonesubinfo"))
        .isEqualTo("Phone Subscriber Info:\n  Phone Type = GSM\n  Device ID = 861234567890123\n");
    assertThat(run(shell, "dumpsys telephony.registry"))
        .contains("  mServiceState=0 0 voice home data home Chunghwa Telecom CT 46692 ")
        .contains("  mDataConnectionState=2\n");
    assertThat(run(shell, "dumpsys nosuch")).isEqualTo("Can't find service: nosuch\n");
  }

  @Test
  public void service_names_a_missing_service() {
    AndroidShell shell = Phones.shell(Phones.withSim());
    assertThat(shell.run("service call iphonesubinfoo 1").output())
        .isEqualTo("service: Service iphonesubinfoo does not exist\n");
    assertThat(run(shell, "service check iphonesubinfo")).isEqualTo("Service iphonesubinfo: found\n");
  }
}
