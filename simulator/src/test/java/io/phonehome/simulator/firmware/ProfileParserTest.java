package io.phonehome.simulator.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class ProfileParserTest {
  private static final Path FILE = Path.of("test.yaml");

  private static final String HEAD = String.join("\n",
      "build:",                                                                   // 1
      "  display-id: MIUI-V5-2014.08",                                            // 2
      "  fingerprint: Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys", // 3
      "settings:",                                                                // 4
      "  secure:cloud_messaging: 1",                                              // 5
      "privacy-switches:",                                                        // 6
      "  Cloud messaging: secure:cloud_messaging",                                // 7
      "services:",                                                                // 8
      "  - name: account-activation",                                             // 9
      "    on: boot",                                                             // 10
      "");

  private static final String GOOD = HEAD + String.join("\n",
      "    when: \"secure:cloud_messaging == 1\"",                                  // 11
      "    method: POST",                                                         // 12
      "    url: https://api.account.xiaomi.com/pass/v3/activate",                 // 13
      "    route: proxy",                                                         // 14
      "    tls: pinned",                                                          // 15
      "    headers: { Content-Type: application/x-www-form-urlencoded, X-Id: \"{imei|md5}\" }", // 16
      "    body: \"imei={imei}&n={phone-number|base64}&c={contacts|gzip|base64}\"", // 17
      "    content-encoding: gzip",                                               // 18
      "  - name: stats",                                                          // 19
      "    on: every:30s",                                                        // 20
      "    url: http://data.example.com/s?i={imei|sha1}",                         // 21
      "    route: direct",                                                        // 22
      "  - name: on-change",                                                      // 23
      "    on: setting:secure:cloud_messaging",                                   // 24
      "    url: http://data.example.com/c",                                       // 25
      "");

  private static FirmwareProfile parse(String text) throws ProfileException {
    return ProfileParser.parse(FILE, text);
  }

  @Test
  public void reads_build_settings_switches_and_services() throws ProfileException {
    FirmwareProfile p = parse(GOOD);
    assertThat(p.build().displayId()).isEqualTo("MIUI-V5-2014.08");
    assertThat(p.build().brand()).isEqualTo("Xiaomi");
    assertThat(p.build().sdk()).isEqualTo(18);
    assertThat(p.settings()).containsExactly(java.util.Map.entry("secure:cloud_messaging", "1"));
    assertThat(p.privacySwitches()).containsEntry("Cloud messaging", "secure:cloud_messaging");
    assertThat(p.services()).extracting(Service::name).containsExactly("account-activation", "stats", "on-change");

    Service a = p.services().get(0);
    assertThat(a.line()).isEqualTo(9);
    assertThat(a.trigger().kind()).isEqualTo(Trigger.Kind.BOOT);
    assertThat(a.when()).hasToString("secure:cloud_messaging == 1");
    assertThat(a.method()).isEqualTo("POST");
    assertThat(a.url().source()).isEqualTo("https://api.account.xiaomi.com/pass/v3/activate");
    assertThat(a.route()).isEqualTo(Route.PROXY);
    assertThat(a.tls()).isEqualTo(TlsTrust.PINNED);
    assertThat(a.headers()).containsOnlyKeys("Content-Type", "X-Id");
    assertThat(a.body().source()).startsWith("imei={imei}");
    assertThat(a.contentEncoding()).isEqualTo(ContentEncoding.GZIP);

    Service s = p.services().get(1);
    assertThat(s.trigger().period()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.method()).isEqualTo("GET");
    assertThat(s.when()).isNull();
    assertThat(s.route()).isEqualTo(Route.DIRECT);
    assertThat(s.tls()).isEqualTo(TlsTrust.TRUSTS_USER_CA);
    assertThat(s.contentEncoding()).isEqualTo(ContentEncoding.IDENTITY);
    assertThat(s.uploadRate()).isZero();
    assertThat(s.paced()).isFalse();

    assertThat(p.services().get(2).trigger()).isEqualTo(new Trigger(Trigger.Kind.SETTING, null, "secure:cloud_messaging"));
  }

  @Test
  public void reads_both_shipped_profiles() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", "."), "firmware");
    FirmwareProfile leaky = ProfileParser.parse(dir.resolve("leaky-2014-08.yaml"));
    FirmwareProfile clean = ProfileParser.parse(dir.resolve("clean.yaml"));
    assertThat(leaky.privacySwitches()).containsOnlyKeys("Cloud sync", "Cloud messaging", "User experience program");
    assertThat(leaky.services()).anySatisfy(s -> {
      assertThat(s.trigger().kind()).isEqualTo(Trigger.Kind.BOOT);
      assertThat(s.url().source()).startsWith("http://api.account.xiaomi.com/");
      assertThat(s.when()).isNull();
    });
    assertThat(leaky.services()).anySatisfy(s -> assertThat(s.trigger()).hasToString("every:3s"));
    assertThat(clean.build().brand()).isNotEqualTo(leaky.build().brand());
    assertThat(clean.privacySwitches().keySet()).doesNotContainAnyElementsOf(leaky.privacySwitches().keySet());
    assertThat(clean.privacySwitches().values()).doesNotContainAnyElementsOf(leaky.privacySwitches().values());
  }

  @Test
  public void clean_profile_guards_every_identifying_service_with_its_switch() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", "."), "firmware");
    FirmwareProfile clean = ProfileParser.parse(dir.resolve("clean.yaml"));
    for (Service s : clean.services()) {
      boolean identifying = s.url().parts().stream().anyMatch(Template.Slot.class::isInstance)
          || s.headers().values().stream().anyMatch(h -> h.parts().stream().anyMatch(Template.Slot.class::isInstance))
          || (s.body() != null && s.body().parts().stream().anyMatch(Template.Slot.class::isInstance));
      if (identifying) {
        assertThat(s.when()).as(s.name()).isNotNull();
        assertThat(s.when().settingsRead()).as(s.name()).containsAnyElementsOf(clean.privacySwitches().values());
      }
    }
  }

  @Test
  public void reads_the_sms_route_and_defaults_to_the_carrier() throws Exception {
    FirmwareProfile routed = parse(HEAD + "    url: http://a.example.com/c?n={contact.number}&m={contact.name}\n"
        + "messaging:\n  sms-over-data-when: \"secure:cloud_messaging == 1\"\n");
    assertThat(routed.messaging().smsOverDataWhen()).hasToString("secure:cloud_messaging == 1");
    assertThat(routed.messaging().smsOverData(k -> "1")).isTrue();
    assertThat(routed.messaging().smsOverData(k -> "0")).isFalse();
    assertThat(routed.messaging().smsOverData(k -> null)).isFalse();

    FirmwareProfile plain = parse(GOOD);
    assertThat(plain.messaging()).isEqualTo(FirmwareProfile.Messaging.CARRIER_ONLY);
    assertThat(plain.messaging().smsOverData(k -> "1")).isFalse();
    assertThat(parse(HEAD + "    url: http://a.example.com/\nmessaging:\n").messaging().smsOverDataWhen()).isNull();
  }

  @Test
  public void shipped_profiles_route_texts_by_their_own_messaging_switch() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", "."), "firmware");
    FirmwareProfile leaky = ProfileParser.parse(dir.resolve("leaky-2014-08.yaml"));
    FirmwareProfile clean = ProfileParser.parse(dir.resolve("clean.yaml"));
    assertThat(leaky.messaging().smsOverDataWhen().settingsRead()).containsExactly("secure:cloud_messaging");
    assertThat(clean.messaging().smsOverDataWhen().settingsRead())
        .containsExactly("secure:nimbus_chat_over_data")
        .isSubsetOf(clean.privacySwitches().values());
    assertThat(leaky.services()).anySatisfy(s -> {
      assertThat(s.trigger().kind()).isEqualTo(Trigger.Kind.SMS_SENT);
      assertThat(s.when()).isNull();
      assertThat(s.url().source()).contains("api.account.xiaomi.com");
    });
    assertThat(leaky.services()).anySatisfy(s -> {
      assertThat(s.trigger().kind()).isEqualTo(Trigger.Kind.CONTACT_ADDED);
      assertThat(s.when()).isNull();
      assertThat(s.body().source()).contains("{contact.number");
    });
  }

  @DataProvider
  public Object[][] uploadRates() {
    return new Object[][] {{"40", 40L}, {"64KiB", 64L * 1024}, {"2MiB", 2L * 1024 * 1024}, {"1", 1L}};
  }

  @Test(dataProvider = "uploadRates")
  public void reads_upload_rate_in_bytes_kib_or_mib_per_second(String value, long bytesPerSecond) throws Exception {
    Service s = parse(HEAD + "    url: http://a.example.com/up\n    body: \"imei={imei}\"\n    upload-rate: " + value + "\n")
        .services().get(0);
    assertThat(s.uploadRate()).isEqualTo(bytesPerSecond);
    assertThat(s.paced()).isTrue();
  }

  @DataProvider
  public Object[][] badUploadRates() {
    return new Object[][] {{"0"}, {"-5"}, {"fast"}, {"10kb"}, {"1.5KiB"}, {"0KiB"}, {"64 KiB"}, {"2MB"}, {"9999999999999"}};
  }

  @Test(dataProvider = "badUploadRates")
  public void rejects_a_bad_upload_rate_naming_the_line(String value) {
    assertThatThrownBy(() -> parse(HEAD + "    url: http://a.example.com/up\n    body: x\n    upload-rate: " + value + "\n"))
        .isInstanceOf(ProfileException.class)
        .hasMessage("test.yaml:13: bad upload-rate '" + value + "' (bytes per second: 40, 64KiB, 2MiB)");
  }

  @DataProvider
  public Object[][] rejections() {
    return new Object[][] {
      {"build: [unclosed\n", 2, "not a YAML profile"},
      {"just text\n", 1, "a profile must be a mapping"},
      {"", 1, "empty profile"},
      {HEAD + "    url: http://a.example.com/\nservise: x\n", 12,
          "unknown top-level key 'servise' (build, settings, privacy-switches, services, messaging)"},
      {"settings: {}\n", 1, "missing build"},
      {HEAD.replace("  display-id: MIUI-V5-2014.08\n", ""), 2, "build needs display-id and fingerprint"},
      {HEAD.replace("armani:4.3/JLS36C", "armani-4.3"), 3, "bad fingerprint"},
      {HEAD.replace("  secure:cloud_messaging: 1", "  cloud_messaging: 1"), 5, "bad setting name"},
      {HEAD.replace("  secure:cloud_messaging: 1", "  private:cloud_messaging: 1"), 5,
          "unknown settings namespace 'private'"},
      {HEAD.replace("Cloud messaging: secure:cloud_messaging", "Cloud messaging: cloud"), 7, "bad setting name"},
      {HEAD + "    url: http://a.example.com/\n    colour: red\n", 12,
          "unknown key in a service 'colour' (name, on, when"},
      {HEAD + "    url: http://a.example.com/?i={imie}\n", 11, "unknown placeholder {imie}"},
      {HEAD + "    url: http://a.example.com/\n    body: \"x={imei|base46}\"\n", 12, "unknown transform 'base46'"},
      {HEAD + "    url: http://a.example.com/\n    body: |\n      a=1\n      b={imei|nope}\n", 14,
          "unknown transform 'nope'"},
      {HEAD + "    url: http://a.example.com/\n    headers: { X-Id: \"{sms.from}\" }\n", 12,
          "unknown placeholder {sms.from}"},
      {HEAD.replace("on: boot", "on: startup") + "    url: http://a.example.com/\n", 10,
          "unknown trigger 'startup' (boot, every:<seconds>s, sms-sent, contact-added"},
      {HEAD.replace("on: boot", "on: every:0s") + "    url: http://a.example.com/\n", 10, "bad period 'every:0s'"},
      {HEAD.replace("on: boot", "on: every:5m") + "    url: http://a.example.com/\n", 10, "bad period 'every:5m'"},
      {HEAD.replace("on: boot", "on: setting:cloud") + "    url: http://a.example.com/\n", 10, "namespace:key"},
      {HEAD + "    url: http://a.example.com/\n    route: vpn\n", 12, "bad route 'vpn' (proxy or direct)"},
      {HEAD + "    url: http://a.example.com/\n    tls: trusts-all\n", 12,
          "bad tls 'trusts-all' (trusts-user-ca, trusts-system-ca or pinned)"},
      {HEAD + "    url: http://a.example.com/\n    method: FETCH\n", 12, "bad method 'FETCH' (GET, POST"},
      {HEAD + "    url: http://a.example.com/\n    content-encoding: br\n", 12,
          "bad content-encoding 'br' (identity, gzip or deflate)"},
      {HEAD + "    url: http://a.example.com/\n    when: secure:cloud_messaging = 1\n", 12, "malformed when"},
      {HEAD + "    url: http://a.example.com/\n    upload-rate: fast\n", 12,
          "bad upload-rate 'fast' (bytes per second: 40, 64KiB, 2MiB)"},
      {HEAD + "    url: http://a.example.com/\n    upload-rate: [40]\n", 12, "upload-rate must be a single value"},
      {HEAD + "    url: http://a.example.com/\n    when: \"(secure:cloud_messaging == 1\"\n", 12, "missing ')'"},
      {HEAD + "    method: GET\n", 9, "service 'account-activation' has no url"},
      {HEAD.replace("  - name: account-activation\n    on: boot\n", "  - on: boot\n    url: http://a.example.com/\n"),
          9, "service without name"},
      {HEAD + "    url: ftp://a.example.com/\n", 11, "bad url 'ftp://a.example.com/'"},
      {HEAD + "    url: http://{imei}.example.com/\n", 11, "literal host"},
      {HEAD + "    url: http://a.example.com/\n  - name: account-activation\n    on: boot\n    url: http://b.example.com/\n",
          12, "duplicate service name 'account-activation' (first at line 9"},
      {HEAD + "    url: http://a.example.com/\n    url: http://b.example.com/\n", 12, "duplicate key 'url'"},
      {HEAD + "    url: http://a.example.com/\n    headers: { Content-Length: 3 }\n", 12, "set by the handset"},
      {HEAD + "    url: http://a.example.com/\nmessaging:\n  sms-over-data: yes\n", 13,
          "unknown key in messaging 'sms-over-data' (sms-over-data-when)"},
      {HEAD + "    url: http://a.example.com/\nmessaging:\n  sms-over-data-when: cloud == 1\n", 13, "namespace:key"},
      {HEAD + "    url: http://a.example.com/\nmessaging:\n  sms-over-data-when: \"secure:m = 1\"\n", 13,
          "malformed when"},
      {HEAD + "    url: http://a.example.com/\nmessaging:\n  sms-over-data-when: [a]\n", 13, "must be a single value"},
      {HEAD + "    url: http://a.example.com/\nmessaging: carrier\n", 12, "messaging must be a mapping"},
      {HEAD + "    url: http://a.example.com/?n={contact.nmuber}\n", 11, "unknown placeholder {contact.nmuber}"},
    };
  }

  @Test(dataProvider = "rejections")
  public void rejects_a_bad_profile_naming_the_line(String text, int line, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("test.yaml:" + line + ": ")
        .hasMessageContaining(message);
  }
}
