package io.phonehome.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.testng.annotations.Test;

public class ConsentStateTest {
  @Test
  public void parses_the_consent_state_option() {
    assertThat(ConsentState.parse("secure:cloud_messaging=1, secure:cloud_sync=0"))
        .isEqualTo(ConsentState.of(Map.of("secure:cloud_messaging", "1", "secure:cloud_sync", "0")));
  }

  @Test
  public void rejects_a_setting_without_namespace_or_value() {
    assertThatThrownBy(() -> ConsentState.parse("cloud_messaging=1"))
        .hasMessageContaining("'cloud_messaging=1' is not a setting");
    assertThatThrownBy(() -> ConsentState.parse("secure:cloud_messaging"))
        .hasMessageContaining("namespace:key=value");
    assertThatThrownBy(() -> ConsentState.parse("secure:a=1,secure:a=0"))
        .hasMessage("'secure:a' given twice");
  }
}
