package io.phonehome.device.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.IdentityValue;
import java.util.List;
import org.testng.annotations.Test;

public class IdentityMergeTest {
  private static final IdentitySet DECLARED = IdentitySet.builder()
      .add("imei", "861234567890123", "devices.yaml")
      .add("phone-number", "+886912345678", "devices.yaml")
      .add("imsi", "466924200001234", "devices.yaml")
      .build();

  @Test
  public void declared_values_fill_what_the_phone_cannot_tell() {
    PhoneIdentity read = new PhoneIdentity(IdentitySet.builder()
        .add("imei", "861234567890123", "phone").build(), List.of("imsi: the phone did not tell (no SIM)"));

    IdentitySet merged = IdentityMerge.merge(DECLARED, read).identity();

    assertThat(merged.valuesOf("imsi")).extracting(IdentityValue::value, IdentityValue::origin)
        .containsExactly(tuple("466924200001234", "devices.yaml"));
  }

  @Test
  public void a_value_both_know_carries_both_origins() {
    PhoneIdentity read = new PhoneIdentity(IdentitySet.builder()
        .add("imei", "861234567890123", "phone").build(), List.of());

    IdentitySet merged = IdentityMerge.merge(DECLARED, read).identity();

    assertThat(merged.valuesOf("imei")).extracting(IdentityValue::origin).containsExactly("phone, devices.yaml");
  }

  @Test
  public void differing_values_are_both_searched_for() {
    PhoneIdentity read = new PhoneIdentity(IdentitySet.builder()
        .add("phone-number", "0912345678", "phone").build(), List.of());

    IdentitySet merged = IdentityMerge.merge(DECLARED, read).identity();

    assertThat(merged.valuesOf("phone-number")).extracting(IdentityValue::value, IdentityValue::origin)
        .containsExactly(tuple("0912345678", "phone"), tuple("+886912345678", "devices.yaml"));
  }

  @Test
  public void describe_lists_each_value_with_its_origins_then_the_notes() {
    PhoneIdentity read = new PhoneIdentity(IdentitySet.builder()
        .add("imei", "861234567890123", "phone")
        .add("contacts", "+886922000111", "phone").build(),
        List.of("phone-number: the phone did not tell (no SIM)"));

    List<String> lines = IdentityMerge.merge(DECLARED, read).describe();

    assertThat(lines).containsExactly(
        "identifier    value            origin",
        "imei          861234567890123  phone, devices.yaml",
        "contacts      +886922000111    phone",
        "phone-number  +886912345678    devices.yaml",
        "imsi          466924200001234  devices.yaml",
        "note: phone-number: the phone did not tell (no SIM)");
  }

  @Test
  public void read_from_a_recorded_phone_and_merged_keeps_the_phone_first() {
    PhoneIdentity read = new PhoneIdentityReader(RecordedPhone.android43WithSim()).read();

    IdentityMerge merged = IdentityMerge.merge(DECLARED, read);

    assertThat(merged.identity().valuesOf("imei")).extracting(IdentityValue::origin)
        .containsExactly("phone, devices.yaml");
    assertThat(merged.identity().identifiers()).startsWith("imei", "imsi", "iccid", "phone-number");
    assertThat(merged.notes()).isEmpty();
  }

  @Test
  public void merge_with_nothing_declared_is_the_phone_alone() {
    PhoneIdentity read = new PhoneIdentity(IdentitySet.builder().add("serial", "4df1e9a2", "phone").build(), List.of());

    assertThat(IdentityMerge.merge(IdentitySet.empty(), read).identity().values())
        .containsExactly(new IdentityValue("serial", "4df1e9a2", "phone"));
  }
}
