package io.phonehome.simulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.simulator.firmware.FirmwareProfile;
import io.phonehome.simulator.firmware.ProfileParser;
import io.phonehome.simulator.net.HttpRequest;
import io.phonehome.simulator.state.Identity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.testng.annotations.Test;

public class RequestRendererTest {
  private static final Identity IDENTITY = new Identity(
      Map.of("imei", "861234567890123", "phone-number", "+886912345678"), List.of("+886922000111", "+886933000222"));

  private static FirmwareProfile profile(String service) throws Exception {
    return ProfileParser.parse(Path.of("r.yaml"), String.join("\n",
        "build:",
        "  display-id: MIUI-V5-2014.08",
        "  fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys",
        "services:",
        "  - name: s",
        "    on: sms-sent",
        service, ""));
  }

  private static HttpRequest render(String service, Map<String, String> context) throws Exception {
    FirmwareProfile p = profile(service);
    return RequestRenderer.render(p.services().get(0), p.build(), RequestRenderer.values(IDENTITY, context));
  }

  @Test
  public void renders_url_headers_and_body_from_identity_and_event() throws Exception {
    HttpRequest r = render(String.join("\n",
        "    url: https://api.example.com/sms?i={imei}&to={sms.to|url}",
        "    headers: { X-N: \"{phone-number|base64}\" }",
        "    body: \"c={contacts}&t={sms.body}\""), Map.of("sms.to", "+886955", "sms.body", "hi"));
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url().host()).isEqualTo("api.example.com");
    assertThat(r.url().target()).isEqualTo("/sms?i=861234567890123&to=%2B886955");
    assertThat(r.headers()).contains(Map.entry("X-N", "Kzg4NjkxMjM0NTY3OA=="));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("c=+886922000111,+886933000222&t=hi");
  }

  @Test
  public void sends_android_user_agent_unless_the_profile_sets_one() throws Exception {
    HttpRequest r = render("    url: http://a.example.com/", Map.of());
    assertThat(r.headers()).contains(Map.entry("User-Agent", "Dalvik/1.6.0 (Linux; U; Android 4.3; armani Build/JLS36C)"));
    HttpRequest own = render("    url: http://a.example.com/\n    headers: { User-Agent: mi }", Map.of());
    assertThat(own.headers()).extracting(Map.Entry::getKey).containsOnlyOnce("User-Agent");
  }

  @Test
  public void compresses_the_body_and_labels_it() throws Exception {
    HttpRequest r = render("    url: http://a.example.com/\n    body: \"imei={imei}\"\n    content-encoding: gzip", Map.of());
    assertThat(r.headers()).contains(Map.entry("Content-Encoding", "gzip"));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("imei=861234567890123");
    }
  }

  @Test
  public void a_get_without_body_sends_no_body() throws Exception {
    HttpRequest r = render("    url: http://a.example.com/c?i={imei|md5}", Map.of());
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.body()).isNull();
    assertThat(r.uploadRate()).isZero();
  }

  @Test
  public void carries_the_upload_rate_without_touching_the_headers() throws Exception {
    HttpRequest r = render("    url: http://a.example.com/up\n    body: \"imei={imei}\"\n    upload-rate: 64KiB", Map.of());
    assertThat(r.uploadRate()).isEqualTo(64 * 1024);
    assertThat(r.headers()).extracting(Map.Entry::getKey).containsExactly("User-Agent");
  }
}
