package io.phonehome.simulator.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.testng.annotations.Test;

public class TemplateTest {
  private static final String FP = "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys";
  private static final Map<String, String> VALUES = Map.of(
      "imei", "861234567890123", "phone-number", "+886912345678", "contacts", "+886922000111,+886933000222");

  private static String render(String template) {
    return Template.parse(template).renderText(VALUES::get, FP);
  }

  @Test
  public void fills_placeholders_and_keeps_literals() {
    assertThat(render("imei={imei}&n={phone-number|base64}"))
        .isEqualTo("imei=861234567890123&n=Kzg4NjkxMjM0NTY3OA==");
  }

  @Test
  public void applies_transforms_left_to_right() {
    assertThat(render("{imei|upper|md5}")).isEqualTo(render("{imei|md5}"));
    assertThat(render("{imei|md5|upper}")).isEqualTo(render("{imei|md5}").toUpperCase())
        .matches("[0-9A-F]{32}");
    assertThat(render("{phone-number|digits|base64}")).isEqualTo("ODg2OTEyMzQ1Njc4");
  }

  @Test
  public void gzip_then_base64_round_trips_to_the_value() throws IOException {
    String b64 = render("{contacts|gzip|base64}");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(b64)))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("+886922000111,+886933000222");
    }
  }

  @Test
  public void renders_a_value_the_identity_lacks_as_empty() {
    assertThat(render("s={serial}&m={wifi-mac|hex}.")).isEqualTo("s=&m=.");
  }

  @Test
  public void leaves_json_braces_alone() {
    assertThat(render("{\"imei\":\"{imei}\",\"n\":{}}")).isEqualTo("{\"imei\":\"861234567890123\",\"n\":{}}");
  }

  @Test
  public void rejects_an_unknown_placeholder_with_its_offset() {
    assertThatThrownBy(() -> Template.parse("a={imie}"))
        .isInstanceOf(Template.TemplateException.class)
        .hasMessageContaining("unknown placeholder {imie}")
        .hasMessageContaining("imei, imsi")
        .satisfies(e -> assertThat(((Template.TemplateException) e).offset()).isEqualTo(2));
  }

  @Test
  public void rejects_an_unknown_transform() {
    assertThatThrownBy(() -> Template.parse("{imei|b64}"))
        .hasMessageContaining("unknown transform 'b64' in {imei|b64}")
        .hasMessageContaining("base64url");
  }
}
