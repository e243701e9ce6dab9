package io.phonehome.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class PolicyFileParserTest {
  static final String ISSUE_EXAMPLE = """
      always-allowed:            # whatever the switches say
        - to: "ota.example.com"
          data: []               # only flows carrying no identifier
      switches:
        secure:cloud_messaging:  # rules active while this setting is on (1)
          - to: "*.msg.example.com"
            data: [sms.body, sms.to, phone-number]
      """;

  private Path dir;

  @BeforeMethod
  public void makeDir() throws IOException {
    dir = Files.createTempDirectory("policy");
  }

  @AfterMethod(alwaysRun = true)
  public void removeDir() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("policy.yaml"), yaml);
  }

  private void rejects(String yaml, int line, String... problem) throws IOException {
    Path file = write(yaml);
    assertThatThrownBy(() -> ConsentPolicyFile.read(file))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageStartingWith(file + ":" + line + ": ")
        .hasMessageContainingAll(problem);
  }

  @Test
  public void accepts_the_issue_example() throws Exception {
    ConsentPolicyFile policy = ConsentPolicyFile.read(write(ISSUE_EXAMPLE));

    assertThat(policy.alwaysAllowed()).singleElement().satisfies(rule -> {
      assertThat(rule.describe()).isEqualTo("always-allowed[0] to ota.example.com");
      assertThat(rule.data()).isEmpty();
      assertThat(rule.line()).isEqualTo(2);
    });
    assertThat(policy.switches()).containsOnlyKeys("secure:cloud_messaging");
    assertThat(policy.switches().get("secure:cloud_messaging")).singleElement().satisfies(rule -> {
      assertThat(rule.describe()).isEqualTo("switches.secure:cloud_messaging[0] to *.msg.example.com");
      assertThat(rule.data()).containsExactly("sms.body", "sms.to", "phone-number");
    });
  }

  @Test
  public void accepts_a_policy_with_only_switches() throws Exception {
    ConsentPolicyFile policy = ConsentPolicyFile.read(write("""
        switches:
          global:ads: [ { to: "ads.example.net", data: [android-id] } ]
        """));

    assertThat(policy.alwaysAllowed()).isEmpty();
    assertThat(policy.switches().get("global:ads")).hasSize(1);
  }

  @Test
  public void empty_sections_hold_no_rules() throws Exception {
    ConsentPolicyFile policy = ConsentPolicyFile.read(write("""
        always-allowed:
        switches:
          secure:cloud_sync:
        """));

    assertThat(policy.alwaysAllowed()).isEmpty();
    assertThat(policy.switches().get("secure:cloud_sync")).isEmpty();
  }

  @Test
  public void rejects_a_rule_list_that_is_a_word() throws IOException {
    rejects("""
        always-allowed: ota.example.com
        """, 1, "'always-allowed' must be a list of rules");
  }

  @Test
  public void rejects_unknown_top_level_key_with_its_line() throws IOException {
    rejects("""
        always-allowed: []
        allways-denied: []
        """, 2, "unknown key 'allways-denied'", "allowed: always-allowed, switches");
  }

  @Test
  public void rejects_rule_without_to_with_its_line() throws IOException {
    rejects("""
        switches:
          secure:cloud_sync:
            - to: "api.micloud.xiaomi.net"
              data: [contacts]
            - data: [contacts]
        """, 5, "rule switches.secure:cloud_sync[1] without 'to'");
  }

  @Test
  public void rejects_bad_glob_with_its_line() throws IOException {
    rejects("""
        always-allowed:
          - to: "https://ota.example.com/check"
            data: []
        """, 2, "bad glob", "no scheme, path, port");
  }

  @Test
  public void rejects_data_that_is_not_a_list_with_its_line() throws IOException {
    rejects("""
        always-allowed:
          - to: "ota.example.com"
            data: imei
        """, 3, "'data' is not a list", "[sms.body, sms.to, phone-number]");
  }

  @Test
  public void rejects_empty_or_nested_data_entries_with_their_line() throws IOException {
    rejects("""
        always-allowed:
          - to: "ota.example.com"
            data:
              - imei
              - ""
        """, 5, "empty or nested entry");
    rejects("""
        always-allowed:
          - to: "ota.example.com"
            data: [[imei]]
        """, 3, "empty or nested entry");
  }

  @Test
  public void rejects_bad_switch_key_with_its_line() throws IOException {
    rejects("""
        switches:
          secure:cloud_sync: []
          cloud_messaging:
            - to: "*.msg.example.com"
              data: [sms.body]
        """, 3, "'cloud_messaging' is not a switch key", "global, secure or system");
  }

  @Test
  public void rejects_unknown_rule_key_with_its_line() throws IOException {
    rejects("""
        always-allowed:
          - to: "ota.example.com"
            data: []
            when: boot
        """, 4, "unknown key 'when'", "allowed: data, to");
  }

  @Test
  public void rejects_text_that_is_not_yaml_with_its_line() throws IOException {
    rejects("""
        always-allowed:
          - to: "ota.example.com
            data: []
        """, 4, "not valid YAML");
  }

  @Test
  public void rejects_a_list_at_the_top_level() throws IOException {
    rejects("- to: ota.example.com\n", 1, "the top level must be a mapping");
  }

  @Test
  public void rejects_empty_file() throws IOException {
    rejects("", 1, "empty file");
    rejects("# only a comment\n", 1, "empty file");
  }

  @Test
  public void rejects_missing_file() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConsentPolicyFile.read(missing))
        .hasMessage(missing + ":0: no such file (give the path of a consent policy YAML file)");
  }
}
