package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.testng.annotations.Test;

public class NeedleCountTest {
  /** Twenty identifiers, as a real lab identity with planted values holds. */
  static IdentitySet twentyIdentifiers() {
    return IdentitySet.builder()
        .add("imei", "861234567890123", "devices.yaml")
        .add("imei", "861234567890131", "phone")
        .add("imsi", "466921234567890", "phone")
        .add("iccid", "8988692123456789012", "phone")
        .add("phone-number", "+886912345678", "devices.yaml")
        .add("android-id", "9774d56d682e549c", "phone")
        .add("serial", "4df1e9a2c0ffee", "phone")
        .add("wifi-mac", "ac:f7:f3:12:34:56", "devices.yaml")
        .add("bt-mac", "AC:F7:F3:65:43:21", "phone")
        .add("carrier", "Chunghwa Telecom", "phone")
        .add("contacts", "+886922000111", "phone")
        .add("contacts", "+886933000222", "phone")
        .add("contacts", "+14155550123", "phone")
        .add("contacts", "+447700900123", "phone")
        .add("contacts", "+8613800138000", "phone")
        .add("location", "25.0330,121.5654", "phone")
        .add("sms.to", "+886955123456", "scenario")
        .add("sms.body", "pH-7f3a9c see you at 7", "scenario")
        .add(IdentitySet.CANARY, "pH-7f3a9c", "identity file")
        .add(IdentitySet.CANARY, "pH-c0ffee42", "identity file")
        .build();
  }

  @Test
  public void twenty_identifiers_make_a_bounded_automaton() {
    IdentitySet identity = twentyIdentifiers();
    List<Needle> needles = Needles.of(identity);
    long chars = needles.stream().mapToLong(n -> n.text().length()).sum();
    System.out.printf("needles for %d values: %d needles, %d characters (an upper bound on automaton states)%n",
        identity.values().size(), needles.size(), chars);

    AhoCorasick.Size size = new AhoCorasick(needles.stream().map(Needle::text).toList()).size();
    System.out.println("automaton: " + size);
    assertThat(identity.values()).hasSize(20);
    assertThat(needles.size()).isLessThan(12_000);
    assertThat(chars).isLessThan(1_200_000);
    assertThat(size.bytes()).as("automaton bytes").isLessThan(32L << 20);
  }
}
