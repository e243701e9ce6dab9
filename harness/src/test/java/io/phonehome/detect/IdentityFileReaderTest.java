package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class IdentityFileReaderTest {
  private static final String DESIGN_EXAMPLE = """
      imei: "861234567890123"
      phone-number: "+886912345678"
      android-id: 9774d56d682e549c
      contacts: ["+886922000111", "+886933000222"]
      canaries: ["pH-7f3a9c"]          # values a scenario planted (SMS text, contact name)
      """;

  @Test
  public void reads_the_documented_example() {
    IdentitySet identity = IdentityFileReader.parse(DESIGN_EXAMPLE, "identity.yaml");

    assertThat(identity.identifiers())
        .containsExactly("imei", "phone-number", "android-id", "contacts", "canary");
    assertThat(identity.valuesOf("contacts")).extracting(IdentityValue::value)
        .containsExactly("+886922000111", "+886933000222");
    assertThat(identity.valuesOf("canary")).extracting(IdentityValue::value)
        .containsExactly("pH-7f3a9c");
    assertThat(identity.values()).extracting(IdentityValue::origin).containsOnly("identity file");
  }

  @Test
  public void keeps_unquoted_numbers_as_written() {
    IdentitySet identity = IdentityFileReader.parse("imei: 861234567890123\nphone-number: 0912345678\n", "i.yaml");

    assertThat(identity.valuesOf("imei")).extracting(IdentityValue::value).containsExactly("861234567890123");
    assertThat(identity.valuesOf("phone-number")).extracting(IdentityValue::value).containsExactly("0912345678");
  }

  @Test
  public void accepts_planted_names_with_dots() {
    IdentitySet identity = IdentityFileReader.parse("sms.body: \"pH canary 42\"\n", "i.yaml");

    assertThat(identity.valuesOf("sms.body")).extracting(IdentityValue::value).containsExactly("pH canary 42");
  }

  @Test
  public void reads_a_file_from_disk() throws Exception {
    Path file = Files.createTempFile("identity", ".yaml");
    try {
      Files.writeString(file, DESIGN_EXAMPLE);
      assertThat(IdentityFileReader.read(file).valuesOf("imei")).hasSize(1);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  public void missing_value_names_file_and_line() {
    assertThatThrownBy(() -> IdentityFileReader.parse("imei: \"1234567\"\nphone-number:\n", "lab/identity.yaml"))
        .isInstanceOf(IdentityFileException.class)
        .hasMessage("lab/identity.yaml:2: phone-number has no value");
  }

  @Test
  public void nested_map_names_file_and_line() {
    assertThatThrownBy(() -> IdentityFileReader.parse("imei: \"1234567\"\nwifi:\n  mac: x\n", "id.yaml"))
        .hasMessageStartingWith("id.yaml:3: wifi must be a value or a list of values");
  }

  @Test
  public void broken_yaml_names_file_and_line() {
    assertThatThrownBy(() -> IdentityFileReader.parse("imei: \"1234567\"\ncontacts: [\"+1\", \n", "id.yaml"))
        .isInstanceOf(IdentityFileException.class)
        .hasMessageStartingWith("id.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  public void duplicate_key_names_the_second_line() {
    assertThatThrownBy(() -> IdentityFileReader.parse("imei: \"1\"\nimei: \"2\"\n", "id.yaml"))
        .hasMessage("id.yaml:2: imei is given twice");
  }

  @Test
  public void list_at_top_level_is_rejected() {
    assertThatThrownBy(() -> IdentityFileReader.parse("- imei\n", "id.yaml"))
        .hasMessageStartingWith("id.yaml:1: expected identifier: value pairs");
  }

  @Test
  public void empty_file_is_rejected() {
    assertThatThrownBy(() -> IdentityFileReader.parse("# nothing\n", "id.yaml"))
        .hasMessageStartingWith("id.yaml: identity file is empty");
  }

  @Test
  public void unreadable_file_names_the_file() {
    Path missing = Path.of("no-such-dir", "identity.yaml");
    assertThatThrownBy(() -> IdentityFileReader.read(missing))
        .hasMessageStartingWith(missing + ": cannot read identity file");
  }
}
