package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.phonehome.detect.IdentityValue;
import org.testng.annotations.Test;

public class PhoneIdentityReaderTest {
  private static final String NULL_PARCEL = "Result: Parcel(00000000 ffffffff   '........')\r\n";

  @Test
  public void reads_every_identifier_from_a_4_3_phone_with_a_sim() {
    PhoneIdentity read = new PhoneIdentityReader(RecordedPhone.android43WithSim()).read();

    assertThat(read.values().values()).extracting(IdentityValue::identifier, IdentityValue::value)
        .containsExactly(
            tuple("imei", "861234567890123"),
            tuple("imsi", "466924200001234"),
            tuple("iccid", "8988692000001234567"),
            tuple("phone-number", "+886912345678"),
            tuple("carrier", "Chunghwa Telecom"),
            tuple("android-id", "9774d56d682e549c"),
            tuple("serial", "4df1e9a2"),
            tuple("wifi-mac", "ac:f7:f3:12:34:56"),
            tuple("contacts", "0922 000 111"),
            tuple("contacts", "+886 933 000 222"));
    assertThat(read.values().values()).extracting(IdentityValue::origin).containsOnly("phone");
    assertThat(read.notes()).isEmpty();
    assertThat(read.simState()).isEqualTo("READY");
    assertThat(read.simAbsent()).isFalse();
  }

  @Test
  public void absent_sim_is_noted_not_fatal() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("getprop gsm.sim.state", "ABSENT\r\n")
        .answer("service call iphonesubinfo 3", NULL_PARCEL)
        .answer("service call iphonesubinfo 4", NULL_PARCEL)
        .answer("service call iphonesubinfo 5", NULL_PARCEL)
        .answer("getprop gsm.sim.operator.alpha", "\r\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.simAbsent()).isTrue();
    assertThat(read.values().identifiers()).doesNotContain("imsi", "iccid", "phone-number", "carrier")
        .contains("imei", "android-id", "serial", "wifi-mac", "contacts");
    assertThat(read.notes()).containsExactly(
        "imsi: the phone did not tell (no SIM)",
        "iccid: the phone did not tell (no SIM)",
        "phone-number: the phone did not tell (no SIM)",
        "carrier: the phone did not tell (no SIM)");
  }

  @Test
  public void number_missing_from_the_sim_is_noted_with_the_reason() {
    RecordedPhone phone = RecordedPhone.android43WithSim().answer("service call iphonesubinfo 5", NULL_PARCEL);

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.notes()).containsExactly(
        "phone-number: the phone did not tell (service call iphonesubinfo 5 answered null string)");
  }

  @Test
  public void falls_back_to_dumpsys_when_the_imei_call_is_refused() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("service call iphonesubinfo 1", Samples.read("iphonesubinfo-1-denied-android-10.txt"));

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("imei")).extracting(IdentityValue::value).containsExactly("861234567890123");
    assertThat(read.notes()).isEmpty();
    assertThat(phone.asked).contains("dumpsys iphonesubinfo");
  }

  @Test
  public void imei_neither_call_nor_dumpsys_tells_is_noted_with_both_reasons() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("service call iphonesubinfo 1", Samples.read("iphonesubinfo-missing.txt"))
        .answer("dumpsys iphonesubinfo", "Can't find service: iphonesubinfo\r\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("imei")).isEmpty();
    assertThat(read.notes()).singleElement().satisfies(note -> assertThat(note)
        .startsWith("imei: the phone did not tell (")
        .contains("service iphonesubinfo does not exist")
        .contains("dumpsys iphonesubinfo: no Device ID"));
  }

  @Test
  public void a_value_of_the_wrong_shape_is_not_trusted() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("service call iphonesubinfo 4", Samples.read("iphonesubinfo-4-vendor-shifted-4.3.txt"));

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("iccid")).isEmpty();
    assertThat(read.notes()).singleElement().satisfies(note -> assertThat(note)
        .startsWith("iccid: the phone did not tell (")
        .contains("answered 'USIM', not an iccid")
        .contains("android-4"));
  }

  @Test
  public void android_10_is_asked_with_its_own_codes_and_the_shell_package() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("getprop ro.build.version.sdk", "29\n")
        .answer("service call iphonesubinfo 1 s16 com.android.shell", Samples.read("iphonesubinfo-1-imei-android-10.txt"));

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("imei")).extracting(IdentityValue::value).containsExactly("358240051111110");
    assertThat(phone.asked).contains("service call iphonesubinfo 7 s16 com.android.shell",
        "service call iphonesubinfo 10 s16 com.android.shell",
        "service call iphonesubinfo 12 s16 com.android.shell");
  }

  @Test
  public void a_version_without_verified_codes_is_noted_and_not_asked() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("getprop ro.build.version.sdk", "23\n")
        .answer("dumpsys iphonesubinfo", "Phone Subscriber Info:\n  Phone Type = GSM\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(phone.asked).noneMatch(c -> c.startsWith("service call"));
    assertThat(read.notes()).first().asString().contains("no verified transaction codes for SDK 23");
    assertThat(read.values().identifiers()).contains("carrier", "android-id", "serial", "wifi-mac", "contacts");
  }

  @Test
  public void unknown_sdk_assumes_the_4_x_codes() {
    RecordedPhone phone = RecordedPhone.android43WithSim().answer("getprop ro.build.version.sdk", "\r\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("imsi")).isNotEmpty();
    assertThat(read.notes()).singleElement().asString().startsWith("sdk: the phone did not tell");
  }

  @Test
  public void refusals_and_placeholders_are_noted() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("settings get secure android_id", "null\r\n")
        .answer("getprop ro.serialno", "\r\n")
        .answer("cat /sys/class/net/wlan0/address", "cat: /sys/class/net/wlan0/address: Permission denied\r\n")
        .answer(PhoneIdentityReader.CONTACTS_QUERY, "Error while accessing provider:com.android.contacts\r\n"
            + "java.lang.SecurityException: Permission Denial: reading com.android.providers.contacts\r\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().identifiers()).doesNotContain("android-id", "serial", "wifi-mac", "contacts");
    assertThat(read.notes()).hasSize(4).allSatisfy(n -> assertThat(n).contains("the phone did not tell"));
    assertThat(read.notes().get(2)).contains("Permission denied");
  }

  @Test
  public void hidden_wifi_mac_is_noted_as_a_placeholder() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("cat /sys/class/net/wlan0/address", "02:00:00:00:00:00\n");

    assertThat(new PhoneIdentityReader(phone).read().notes())
        .containsExactly("wifi-mac: the phone did not tell (placeholder address 02:00:00:00:00:00 (Android hides the real one))");
  }

  @Test
  public void no_contacts_is_said_plainly() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer(PhoneIdentityReader.CONTACTS_QUERY, Samples.read("content-no-result.txt"));

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.values().valuesOf("contacts")).isEmpty();
    assertThat(read.notes()).containsExactly("contacts: the phone has none");
  }

  @Test
  public void dual_sim_carriers_are_each_kept() {
    RecordedPhone phone = RecordedPhone.android43WithSim()
        .answer("getprop gsm.sim.state", "READY,ABSENT\r\n")
        .answer("getprop gsm.sim.operator.alpha", "Chunghwa Telecom,\r\n");

    PhoneIdentity read = new PhoneIdentityReader(phone).read();

    assertThat(read.simAbsent()).isFalse();
    assertThat(read.values().valuesOf("carrier")).extracting(IdentityValue::value).containsExactly("Chunghwa Telecom");
  }
}
