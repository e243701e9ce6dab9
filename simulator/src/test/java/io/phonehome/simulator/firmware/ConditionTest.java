package io.phonehome.simulator.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class ConditionTest {
  private static final Map<String, String> SETTINGS = new HashMap<>(Map.of(
      "secure:cloud_sync", "1", "secure:cloud_messaging", "0", "global:region", "tw"));

  private static boolean eval(String when) {
    return Condition.parse(when).test(SETTINGS::get);
  }

  @DataProvider
  public Object[][] cases() {
    return new Object[][] {
      {"secure:cloud_sync == 1", true},
      {"secure:cloud_sync != 1", false},
      {"secure:cloud_messaging == 1", false},
      {"secure:cloud_sync == 1 && secure:cloud_messaging == 1", false},
      {"secure:cloud_sync == 1 || secure:cloud_messaging == 1", true},
      {"secure:cloud_messaging == 1 || secure:cloud_messaging == 1 && secure:cloud_sync == 1", false},
      {"secure:cloud_sync == 1 || secure:cloud_messaging == 1 && secure:cloud_sync == 0", true},
      {"(secure:cloud_sync == 1 || secure:cloud_messaging == 1) && secure:cloud_sync == 0", false},
      {"global:region == \"tw\"", true},
      {"global:region=='tw'&&secure:cloud_sync==1", true},
      {"system:never_set == null", true},
      {"system:never_set != 1", true},
      {"system:never_set == 1", false},
    };
  }

  @Test(dataProvider = "cases")
  public void evaluates_against_the_settings(String when, boolean expected) {
    assertThat(eval(when)).as(when).isEqualTo(expected);
  }

  @Test
  public void sees_a_setting_change_at_evaluation_time() {
    Map<String, String> live = new HashMap<>(Map.of("secure:cloud_sync", "1"));
    Condition c = Condition.parse("secure:cloud_sync == 1");
    assertThat(c.test(live::get)).isTrue();
    live.put("secure:cloud_sync", "0");
    assertThat(c.test(live::get)).isFalse();
  }

  @DataProvider
  public Object[][] malformed() {
    return new Object[][] {
      {"", "empty condition"},
      {"secure:cloud_sync", "expected == or != after secure:cloud_sync"},
      {"secure:cloud_sync = 1", "unexpected '='"},
      {"secure:cloud_sync == ", "expected a value after =="},
      {"cloud_sync == 1", "namespace:key"},
      {"private:cloud_sync == 1", "unknown settings namespace 'private'"},
      {"(secure:cloud_sync == 1", "missing ')'"},
      {"secure:cloud_sync == 1 &&", "expected a setting at the end"},
      {"secure:cloud_sync == 1 secure:x == 2", "unexpected 'secure:x'"},
      {"secure:cloud_sync == 'open", "unterminated quote"},
    };
  }

  @Test(dataProvider = "malformed")
  public void rejects_malformed_conditions_saying_why(String when, String why) {
    assertThatThrownBy(() -> Condition.parse(when))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed when")
        .hasMessageContaining(why)
        .hasMessageContaining("namespace:key == VALUE");
  }
}
