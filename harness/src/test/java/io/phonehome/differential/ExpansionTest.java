package io.phonehome.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.testng.annotations.Test;

public class ExpansionTest {
  @Test
  public void names_the_encoding_whose_growth_fits_best() {
    assertThat(Expansion.bestFit(57, 57)).hasValueSatisfying(e -> assertThat(e.name()).contains("plain"));
    assertThat(Expansion.bestFit(76, 57)).hasValueSatisfying(e -> assertThat(e.name()).contains("base64"));
    assertThat(Expansion.bestFit(114, 57)).hasValueSatisfying(e -> assertThat(e.name()).contains("hex"));
    assertThat(Expansion.bestFit(342, 57)).hasValueSatisfying(e -> assertThat(e.name()).contains("json"));
  }

  @Test
  public void a_shrinking_value_fits_a_shrinking_upload_only() {
    assertThat(Expansion.bestFit(-76, -57)).isPresent();
    assertThat(Expansion.bestFit(76, -57)).isEmpty();
  }

  @Test
  public void changes_far_below_or_above_any_expansion_do_not_fit() {
    assertThat(Expansion.bestFit(3, 57)).isEmpty();
    assertThat(Expansion.bestFit(30, 57)).isEmpty();
    assertThat(Expansion.bestFit(1000, 57)).isEmpty();
    assertThat(Expansion.bestFit(10, 0)).isEmpty();
  }
}
