package io.phonehome.simulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.shell.AndroidShell;
import io.phonehome.simulator.shell.Shell;
import io.phonehome.simulator.state.PhoneState;
import org.testng.annotations.Test;

public class SetIdentityCommandTest {
  private static final String NEW_IMEI = "861234567890143";
  private static final String NEW_NUMBER = "+886912000777";

  @Test
  public void as_root_the_new_values_are_what_iphonesubinfo_and_the_system_report() {
    PhoneState state = Phones.withSim();
    AndroidShell shell = Phones.shell(state);

    Shell.Result r = shell.run("su 0 setidentity imei=" + NEW_IMEI + " phone-number=" + NEW_NUMBER
        + " android-id=5F2C7D1E9A0B3C4D wifi-mac=ac:f7:f3:9a:8b:7c imsi=466920987654321"
        + " iccid=89886920049876543210");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("imei: " + NEW_IMEI + "\n", "phone-number: " + NEW_NUMBER + "\n");
    assertThat(shell.run("service call iphonesubinfo 1").output()).isEqualTo(ParcelDump.ofString(NEW_IMEI));
    assertThat(shell.run("service call iphonesubinfo 3").output()).isEqualTo(ParcelDump.ofString("466920987654321"));
    assertThat(shell.run("service call iphonesubinfo 4").output()).isEqualTo(ParcelDump.ofString("89886920049876543210"));
    assertThat(shell.run("service call iphonesubinfo 5").output()).isEqualTo(ParcelDump.ofString(NEW_NUMBER));
    assertThat(shell.run("service call iphonesubinfo 7").output()).isEqualTo(ParcelDump.ofString(NEW_NUMBER));
    assertThat(shell.run("dumpsys iphonesubinfo").output()).contains("Device ID = " + NEW_IMEI + "\n");
    assertThat(shell.run("settings get secure android_id").output()).isEqualTo("5f2c7d1e9a0b3c4d\n");
    assertThat(shell.run("cat /sys/class/net/wlan0/address").output()).isEqualTo("ac:f7:f3:9a:8b:7c\n");
    assertThat(shell.run("getprop gsm.sim.operator.numeric").output()).isEqualTo("46692\n");
    assertThat(state.telephony().value("imei")).contains(NEW_IMEI);
    assertThat(state.identity().get("phone-number")).contains(NEW_NUMBER);
  }

  @Test
  public void su_dash_c_reaches_it_and_keys_not_given_keep_their_value() {
    PhoneState state = Phones.withSim();
    AndroidShell shell = Phones.shell(state);
    String number = shell.run("service call iphonesubinfo 5").output();

    Shell.Result r = shell.run("su -c 'setidentity imei=" + NEW_IMEI + "'");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(shell.run("service call iphonesubinfo 1").output()).isEqualTo(ParcelDump.ofString(NEW_IMEI));
    assertThat(shell.run("service call iphonesubinfo 5").output()).isEqualTo(number);
    assertThat(state.contacts().numbers()).isEqualTo("+886922000111,+886933000222");
  }

  @Test
  public void the_shell_user_is_denied_and_nothing_changes() {
    PhoneState state = Phones.withSim();
    AndroidShell shell = Phones.shell(state);

    Shell.Result r = shell.run("setidentity imei=" + NEW_IMEI);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("setidentity: Permission denied\n");
    assertThat(shell.run("service call iphonesubinfo 1").output()).isEqualTo(ParcelDump.ofString(Phones.IMEI));
  }

  @Test
  public void a_bad_key_or_value_is_refused_with_one_line_and_nothing_changes() {
    PhoneState state = Phones.withSim();
    AndroidShell shell = Phones.shell(state);

    Shell.Result unknown = shell.run("su 0 setidentity imei=" + NEW_IMEI + " meid=A0000012345678");
    Shell.Result shortImei = shell.run("su 0 setidentity imei=86123456789");
    Shell.Result notPair = shell.run("su 0 setidentity " + NEW_IMEI);

    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.output()).startsWith("setidentity: unknown key 'meid' (keys: imei, imsi, iccid,");
    assertThat(shortImei.output()).isEqualTo("setidentity: imei: '86123456789' is not a valid imei\n");
    assertThat(notPair.output()).startsWith("setidentity: '" + NEW_IMEI + "' is not KEY=VALUE\n");
    assertThat(shell.run("service call iphonesubinfo 1").output()).isEqualTo(ParcelDump.ofString(Phones.IMEI));
  }

  @Test
  public void the_new_identity_survives_a_firmware_install_and_is_logged() {
    PhoneState state = Phones.withSim();
    AndroidShell shell = Phones.shell(state);
    shell.run("su 0 setidentity serial=7a3b9c01 carrier='Taiwan Mobile'");

    state.install(Phones.profile(null));

    assertThat(shell.run("getprop ro.serialno").output()).isEqualTo("7a3b9c01\n");
    assertThat(shell.run("getprop gsm.sim.operator.alpha").output()).isEqualTo("Taiwan Mobile\n");
    assertThat(shell.run("logcat -d").output()).contains("setidentity", "serial written");
  }
}
