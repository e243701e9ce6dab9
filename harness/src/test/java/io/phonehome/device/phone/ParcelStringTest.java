package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class ParcelStringTest {
  @Test
  public void parses_imei_from_parcel_dump() {
    assertThat(ParcelString.parse(Samples.read("iphonesubinfo-1-imei-4.3.txt"))).contains("861234567890123");
  }

  @Test
  public void sample_keeps_the_crlf_line_ends_of_a_4_3_shell() {
    assertThat(Samples.read("iphonesubinfo-1-imei-4.3.txt")).contains("\r\n");
  }

  @Test
  public void parses_imsi_iccid_and_number_of_odd_and_even_lengths() {
    assertThat(ParcelString.parse(Samples.read("iphonesubinfo-3-imsi-4.3.txt"))).contains("466924200001234");
    assertThat(ParcelString.parse(Samples.read("iphonesubinfo-4-iccid-4.3.txt"))).contains("8988692000001234567");
    assertThat(ParcelString.parse(Samples.read("iphonesubinfo-5-number-4.3.txt"))).contains("+886912345678");
  }

  @Test
  public void parses_imei_from_an_android_10_dump_with_lf_line_ends() {
    assertThat(ParcelString.parse(Samples.read("iphonesubinfo-1-imei-android-10.txt"))).contains("358240051111110");
  }

  @Test
  public void parses_the_dump_written_on_one_line() {
    assertThat(ParcelString.parse("Result: Parcel(00000000 00000003 00320031 00000033 '........1.2.3...')"))
        .contains("123");
  }

  @Test
  public void null_parcel_is_empty() {
    String output = Samples.read("iphonesubinfo-null-4.3.txt");

    assertThat(ParcelString.parse(output)).isEmpty();
    assertThat(ParcelString.whyEmpty(output)).contains("null string");
  }

  @Test
  public void security_exception_is_empty_and_explained_with_its_message() {
    String output = Samples.read("iphonesubinfo-1-denied-android-10.txt");

    assertThat(ParcelString.parse(output)).isEmpty();
    assertThat(ParcelString.whyEmpty(output)).hasValueSatisfying(why -> assertThat(why)
        .startsWith("exception -1 (SecurityException)")
        .contains("does not meet the requirements to access device identifiers"));
  }

  @Test
  public void unknown_exception_code_is_empty() {
    String output = "Result: Parcel(ffffffec 00000000   '........')";

    assertThat(ParcelString.parse(output)).isEmpty();
    assertThat(ParcelString.whyEmpty(output)).hasValueSatisfying(why -> assertThat(why).contains("-20"));
  }

  @Test
  public void missing_service_is_empty() {
    String output = Samples.read("iphonesubinfo-missing.txt");

    assertThat(ParcelString.parse(output)).isEmpty();
    assertThat(ParcelString.whyEmpty(output)).contains("service iphonesubinfo does not exist");
  }

  @Test
  public void transaction_error_and_shell_noise_are_empty() {
    assertThat(ParcelString.parse("Result: Parcel(Error: 0xffffffb6 \"Not a data message\")")).isEmpty();
    assertThat(ParcelString.parse("/system/bin/sh: service: not found")).isEmpty();
    assertThat(ParcelString.parse("")).isEmpty();
    assertThat(ParcelString.parse(null)).isEmpty();
  }

  @Test
  public void a_quote_in_the_text_column_does_not_end_the_hex() {
    // "it's" -> 00740069 00730027, the text column shows the apostrophe
    String output = "Result: Parcel(\n"
        + "  0x00000000: 00000000 00000004 00740069 00730027 '........i.t.'.s.'\n"
        + "  0x00000010: 00000000                            '....            ')\n";

    assertThat(ParcelString.parse(output)).contains("it's");
  }

  @Test
  public void strict_mode_reply_header_is_skipped() {
    // -128, a 12-byte header (size word + two policy words), then "12"
    String output = "Result: Parcel(\n"
        + "  0x00000000: ffffff80 0000000c 00000001 00000000 '................'\n"
        + "  0x00000010: 00000002 00320031 00000000          '....1.2.....    ')\n";

    assertThat(ParcelString.parse(output)).contains("12");
  }
}
