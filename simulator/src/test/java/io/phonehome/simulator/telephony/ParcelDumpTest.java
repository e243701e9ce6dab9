package io.phonehome.simulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class ParcelDumpTest {
  @Test
  public void prints_a_fifteen_digit_imei_as_a_real_phone_does() {
    assertThat(ParcelDump.ofString("861234567890123")).isEqualTo("""
        Result: Parcel(
          0x00000000: 00000000 0000000f 00360038 00320031 '........8.6.1.2.'
          0x00000010: 00340033 00360035 00380037 00300039 '3.4.5.6.7.8.9.0.'
          0x00000020: 00320031 00000033                   '1.2.3...        ')
        """);
  }

  @Test
  public void pads_an_even_length_string_with_a_nul_word() {
    // 14 characters and the NUL are 30 bytes, padded to 32: the last word is all NUL
    assertThat(ParcelDump.ofString("46692123456789")).isEqualTo("""
        Result: Parcel(
          0x00000000: 00000000 0000000e 00360034 00390036 '........4.6.6.9.'
          0x00000010: 00310032 00330032 00350034 00370036 '2.1.2.3.4.5.6.7.'
          0x00000020: 00390038 00000000                   '8.9.....        ')
        """);
  }

  @Test
  public void prints_a_phone_number_with_its_plus_sign() {
    assertThat(ParcelDump.ofString("+886912345678")).isEqualTo("""
        Result: Parcel(
          0x00000000: 00000000 0000000d 0038002b 00360038 '........+.8.8.6.'
          0x00000010: 00310039 00330032 00350034 00370036 '9.1.2.3.4.5.6.7.'
          0x00000020: 00000038                            '8...            ')
        """);
  }

  @Test
  public void fills_whole_lines_for_a_twenty_digit_iccid() {
    String dump = ParcelDump.ofString("89886920041234567890");
    assertThat(dump.lines()).hasSize(5)
        .element(1).isEqualTo("  0x00000000: 00000000 00000014 00390038 00380038 '........8.9.8.8.'");
    assertThat(dump.lines().toList().get(3))
        .isEqualTo("  0x00000020: 00340033 00360035 00380037 00300039 '3.4.5.6.7.8.9.0.'");
    // 20 characters end on a line; the NUL and its padding start the next one
    assertThat(dump.lines().toList().get(4))
        .isEqualTo("  0x00000030: 00000000                            '....            ')");
  }

  @Test
  public void a_short_parcel_fits_on_one_line() {
    assertThat(ParcelDump.ofString("01")).isEqualTo("Result: Parcel(00000000 00000002 00310030 00000000   '........0.1.....')\n");
    assertThat(ParcelDump.ofString("")).isEqualTo("Result: Parcel(00000000 00000000 00000000   '............')\n");
  }

  @Test
  public void a_null_string_is_length_minus_one() {
    assertThat(ParcelDump.ofString(null)).isEqualTo("Result: Parcel(00000000 ffffffff   '........')\n");
  }
}
