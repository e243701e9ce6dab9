package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class IdentitySetTest {
  @Test
  public void merge_keeps_the_first_origin_of_a_shared_value() {
    IdentitySet lab = IdentitySet.builder().add("imei", "861234567890123", "devices.yaml").build();
    IdentitySet phone = IdentitySet.builder()
        .add("imei", "861234567890123", "phone")
        .add("imsi", "466921234567890", "phone")
        .build();

    IdentitySet merged = lab.merge(phone);

    assertThat(merged.values()).extracting(IdentityValue::identifier, IdentityValue::origin)
        .containsExactly(tuple("imei", "devices.yaml"), tuple("imsi", "phone"));
  }

  @Test
  public void from_map_reads_a_devices_yaml_identity_block() {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("imei", "861234567890123");
    block.put("contacts", List.of("+886922000111", "+886933000222"));
    block.put("canaries", List.of("pH-1"));

    IdentitySet identity = IdentitySet.fromMap(block, "devices.yaml");

    assertThat(identity.identifiers()).containsExactly("imei", "contacts", "canary");
    assertThat(identity.valuesOf("contacts")).hasSize(2);
  }

  @Test
  public void unknown_identifier_has_no_values() {
    assertThat(IdentitySet.empty().valuesOf("imei")).isEmpty();
    assertThat(IdentitySet.empty().isEmpty()).isTrue();
  }
}
