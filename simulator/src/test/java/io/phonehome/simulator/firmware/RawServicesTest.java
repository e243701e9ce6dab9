package io.phonehome.simulator.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** tcp://, udp:// and dns:// services in firmware profiles. */
public class RawServicesTest {
  private static final Path FILE = Path.of("raw.yaml");
  private static final String HEAD = String.join("\n",
      "build:",                                                                   // 1
      "  display-id: RAW",                                                        // 2
      "  fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys", // 3
      "services:",                                                                // 4
      "  - name: raw",                                                            // 5
      "    on: boot",                                                             // 6
      "");

  private static FirmwareProfile parse(String text) throws ProfileException {
    return ProfileParser.parse(FILE, text);
  }

  @Test
  public void reads_tcp_udp_and_dns_services_as_direct() throws ProfileException {
    FirmwareProfile p = parse(HEAD + String.join("\n",
        "    url: tcp://203.0.113.7:5222",
        "    body: \"IMEI={imei}\"",
        "  - name: quic",
        "    on: boot",
        "    url: udp://203.0.113.9:443",
        "    route: direct",
        "    body: \"i={imei|sha1}\"",
        "  - name: beacon",
        "    on: every:60s",
        "    url: dns://{imei|md5}.t.example.cn",
        ""));

    assertThat(p.services()).extracting(Service::route).containsOnly(Route.DIRECT);
    assertThat(p.services().get(0).url().source()).isEqualTo("tcp://203.0.113.7:5222");
    assertThat(p.services().get(1).body()).isNotNull();
    assertThat(p.services().get(2).url().parts().get(1)).isInstanceOf(Template.Slot.class);
  }

  @DataProvider
  public Object[][] bad() {
    return new Object[][] {
        {"    url: tcp://203.0.113.7\n", "raw.yaml:7: bad url 'tcp://203.0.113.7' (tcp://HOST:PORT"},
        {"    url: udp://203.0.113.7:99999\n", "raw.yaml:7: bad port 99999"},
        {"    url: tcp://a.example.cn:5222/path\n", "raw.yaml:7: bad url"},
        {"    url: dns://{imei}.t.example.cn\n    body: x\n", "raw.yaml:8: service 'raw': a dns:// service has no body"},
        {"    url: dns://a b.example.cn\n", "raw.yaml:7: bad url 'dns://a b.example.cn'"},
        {"    url: udp://203.0.113.9:443\n    route: proxy\n",
            "raw.yaml:8: service 'raw': a udp:// service opens its own socket, route must be direct"},
        {"    url: tcp://203.0.113.7:5222\n    headers: { X-A: b }\n",
            "raw.yaml:8: service 'raw': headers is for http(s) services, not tcp://"},
        {"    url: tcp://203.0.113.7:5222\n    tls: pinned\n", "raw.yaml:8: service 'raw': tls is for http(s) services"},
        {"    url: tcp://203.0.113.7:5222\n    body: x\n    upload-rate: 40\n",
            "raw.yaml:9: service 'raw': upload-rate is for http(s) services, not tcp://"},
        {"    url: udp://203.0.113.9:443\n    upload-rate: 1KiB\n",
            "raw.yaml:8: service 'raw': upload-rate is for http(s) services, not udp://"},
        {"    url: dns://{imei}.t.example.cn\n    upload-rate: 40\n",
            "raw.yaml:8: service 'raw': upload-rate is for http(s) services, not dns://"},
        {"    url: ftp://203.0.113.7/\n", "raw.yaml:7: bad url 'ftp://203.0.113.7/'"},
    };
  }

  @Test(dataProvider = "bad")
  public void rejects_a_bad_raw_service_naming_file_and_line(String tail, String message) {
    assertThatThrownBy(() -> parse(HEAD + tail))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  public void shipped_patched_build_keeps_cloud_messaging_off_and_still_leaks_at_power_on() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", "."), "firmware");
    FirmwareProfile patched = ProfileParser.parse(dir.resolve("patched-2014-08.yaml"));

    assertThat(patched.settings()).containsEntry("secure:cloud_messaging", "0");
    assertThat(patched.messaging().smsOverData(k -> patched.settings().get(k))).isFalse();
    assertThat(patched.services()).filteredOn(s -> s.name().startsWith("cloud-messaging"))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.when().settingsRead()).containsExactly("secure:cloud_messaging"));
    assertThat(patched.services()).filteredOn(s -> s.trigger().kind() == Trigger.Kind.BOOT && s.when() == null)
        .extracting(s -> s.url().source().substring(0, s.url().source().indexOf("://")))
        .contains("http", "tcp", "dns", "udp", "https");
    assertThat(patched.services()).anySatisfy(s -> {
      assertThat(s.tls()).isEqualTo(TlsTrust.PINNED);
      assertThat(s.when()).isNull();
    });
  }
}
