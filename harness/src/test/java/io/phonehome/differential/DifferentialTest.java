package io.phonehome.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.phonehome.capture.Channel;
import io.phonehome.capture.Flow;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Location;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.testng.annotations.Test;

public class DifferentialTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final String SHORT = "Lunch at 12? ph-1a2b3c4d5e6f";
  private static final String LONG = "Running late, start without me; I will call from the station. ph-9f8e7d6c5b4a";
  private static final String SECRET = "https://cloud.vendor.test/v1/sms/backup";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] KEY = new byte[16];

  static {
    RANDOM.nextBytes(KEY);
  }

  /** Two runs 30 s apart; each plants at +1 s for 2 s and watches until +10 s. */
  private final class Runs {
    final List<Flow> first = new ArrayList<>();
    final List<Flow> second = new ArrayList<>();
    final List<Flow> capture = new ArrayList<>();
    final List<Finding> detected = new ArrayList<>();

    Flow add(int run, double second, String method, String url, byte[] body) {
      Instant at = start(run).plusMillis((long) (second * 1000));
      Flow f = new Flow(capture.size(), at, Channel.PROXY, method, url, host(url), List.of(), body,
          Optional.empty(), Optional.empty());
      capture.add(f);
      if (run == 1) {
        first.add(f);
      } else if (run == 2) {
        this.second.add(f);
      }
      return f;
    }

    /** The same request every 3 s through both runs and around them. */
    void periodic(String method, String url, byte[] body) {
      for (double s = -20; s < 45; s += 3) {
        int run = s >= 0 && s < 10 ? 1 : s >= 30 && s < 40 ? 2 : 0;
        add(run, run == 2 ? s - 30 : s, method, url, body);
      }
    }

    DifferentialResult compare() {
      return Differential.compare(run(first, 1, SHORT), run(this.second, 2, LONG), capture, detected);
    }

    /** As {@link #compare()}, with the identity switched between the runs. */
    DifferentialResult compareSwitched() {
      return Differential.compare(withIdentity(run(first, 1, SHORT), IMEI_1, "a98c0bbe2be58fe0"),
          withIdentity(run(this.second, 2, LONG), IMEI_2, "68b34f8fdaf0346a"), capture, detected);
    }
  }

  private static final String IMEI_1 = "490154203237518";
  private static final String IMEI_2 = "490154205315288";

  private static PlantedRun withIdentity(PlantedRun run, String imei, String androidId) {
    // as the SMS scenario gives them: the switched identity keys first
    Map<String, String> values = new LinkedHashMap<>();
    values.put("imei", imei);
    values.put("android-id", androidId);
    values.putAll(run.values());
    return new PlantedRun(values, run.plantingStarted(), run.plantingEnded(), run.flows());
  }

  /** AES-ECB under a key of the build's own: the same value always gives the same bytes. */
  private static byte[] fixedKeyEncrypt(String text) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"));
      return c.doFinal(utf8(text));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same request every 2 s within each run, and nothing around them. */
  private static void everyTwoSeconds(Runs r, String url, byte[] first, byte[] second) {
    for (double s = 0; s < 10; s += 2) {
      r.add(1, s, "POST", url, first);
      r.add(2, s, "POST", url, second);
    }
  }

  private static Instant start(int run) {
    return T0.plusSeconds(run == 2 ? 30 : 0);
  }

  private static PlantedRun run(List<Flow> flows, int run, String body) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("sms.body", body);
    values.put("sms.to", run == 1 ? "+886912000111" : "+886955000222");
    values.put("canary", run == 1 ? "Canary 1a2b3c4d" : "Canary 9f8e7d6c");
    return new PlantedRun(values, start(run).plusSeconds(1), start(run).plusSeconds(3), flows);
  }

  private static String host(String url) {
    return java.net.URI.create(url).getHost();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** AES-GCM with a fresh nonce, nonce first: what the firmware's encrypt gives. */
  private static byte[] encrypt(String text) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
      byte[] ct = c.doFinal(utf8(text));
      byte[] out = new byte[nonce.length + ct.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(ct, 0, out, nonce.length, ct.length);
      return out;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encryptedForm(String body) {
    return utf8("v=2&d=" + Base64.getEncoder().encodeToString(encrypt(body)));
  }

  @Test
  public void reports_an_encrypted_upload_whose_size_follows_the_sms_body() {
    Runs r = new Runs();
    r.periodic("GET", "https://stats.vendor.test/ping?i=5f4dcc3b5aa765d61d8327deb882cf99", new byte[0]);
    r.add(1, 1.5, "POST", SECRET, encryptedForm(SHORT));
    Flow leak = r.add(2, 1.5, "POST", SECRET, encryptedForm(LONG));

    DifferentialResult result = r.compare();

    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.identifier()).isEqualTo("sms.body");
      assertThat(f.encoding()).isEqualTo("opaque");
      assertThat(f.channel()).isEqualTo(Channel.PROXY);
      assertThat(f.host()).isEqualTo("cloud.vendor.test");
      assertThat(f.location()).isEqualTo(Location.BODY);
      assertThat(f.flow()).isEqualTo(leak.index());
      assertThat(f.origin()).isEqualTo("planted");
      assertThat(f.isHidden()).isFalse();
      assertThat(f.detail()).contains("size follows sms.body", "as sms.body went 28 -> 77 chars", "as base64 gives");
    });
  }

  @Test
  public void reports_an_encrypted_value_in_the_query_string_at_location_url() {
    Runs r = new Runs();
    r.add(1, 2, "GET", "https://cloud.vendor.test/v1/t?d=" + HexFormat.of().formatHex(encrypt(SHORT)), new byte[0]);
    r.add(2, 2, "GET", "https://cloud.vendor.test/v1/t?d=" + HexFormat.of().formatHex(encrypt(LONG)), new byte[0]);

    assertThat(r.compare().findings()).singleElement().satisfies(f -> {
      assertThat(f.location()).isEqualTo(Location.URL);
      assertThat(f.detail()).contains("as hex gives");
    });
  }

  @Test
  public void periodic_services_of_constant_size_are_not_reported() {
    Runs r = new Runs();
    r.periodic("GET", "https://ota.vendor.test/check?build=3.2.0", new byte[0]);
    r.periodic("POST", "https://diag.vendor.test/v2/report", encrypt("serial=ABC123&aid=9774d56d682e549c"));

    DifferentialResult result = r.compare();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).anyMatch(n -> n.contains("diag.vendor.test") && n.contains("bytes in both runs"));
  }

  @Test
  public void sizes_that_vary_with_timestamp_digits_are_not_reported() {
    Runs r = new Runs();
    // within a run the clock's digits change the size
    long[] clock = {998, 999, 1000, 1001};
    int i = 0;
    for (double s = 0; s < 10; s += 3) {
      r.add(1, s, "POST", "https://log.vendor.test/v1/events", utf8("{\"t\":" + clock[i++ % 4] + ",\"e\":\"idle\"}"));
      r.add(2, s, "POST", "https://log.vendor.test/v1/events", utf8("{\"t\":" + (clock[i % 4] * 1000) + ",\"e\":\"idle\"}"));
    }
    // constant within each run, one digit longer in the second (uptime in minutes rolled over)
    r.add(1, 2, "POST", "https://log.vendor.test/v1/uptime", utf8("m=999"));
    r.add(1, 8, "POST", "https://log.vendor.test/v1/uptime", utf8("m=999"));
    r.add(2, 2, "POST", "https://log.vendor.test/v1/uptime", utf8("m=1000"));
    r.add(2, 8, "POST", "https://log.vendor.test/v1/uptime", utf8("m=1000"));

    DifferentialResult result = r.compare();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).anyMatch(n -> n.contains("/v1/events") && n.contains("varies within a run"))
        .anyMatch(n -> n.contains("/v1/uptime") && n.contains("not in step with any planted value"));
  }

  @Test
  public void a_size_change_against_the_planted_change_is_not_reported() {
    Runs r = new Runs();
    // shrinks while the body grew
    r.add(1, 2, "POST", "https://a.vendor.test/x", new byte[300]);
    r.add(2, 2, "POST", "https://a.vendor.test/x", new byte[240]);
    // grows far more than any encoding of the body's change would
    r.add(1, 2, "POST", "https://b.vendor.test/y", new byte[100]);
    r.add(2, 2, "POST", "https://b.vendor.test/y", new byte[2100]);

    assertThat(r.compare().findings()).isEmpty();
  }

  @Test
  public void an_upload_the_detector_already_explained_is_not_reported_again() {
    Runs r = new Runs();
    String url = "https://api.vendor.test/cloudmsg/send";
    r.add(1, 1.5, "POST", url, utf8("body=" + Base64.getEncoder().encodeToString(utf8(SHORT))));
    Flow second = r.add(2, 1.5, "POST", url, utf8("body=" + Base64.getEncoder().encodeToString(utf8(LONG))));
    r.detected.add(new Finding(second.index(), second.time(), "POST", "api.vendor.test", url, Channel.PROXY,
        "sms.body", "base64", Location.BODY, "field 1", "as-given", "planted"));

    DifferentialResult result = r.compare();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).anyMatch(n -> n.contains("which the detector already found there"));
  }

  @Test
  public void a_clean_firmware_gives_no_opaque_finding() {
    Runs r = new Runs();
    r.periodic("GET", "https://ota.example-oem.com/check?build=NimbusOS-3.2.0&device=aurora", new byte[0]);
    // the text itself, json-escaped, as the detector finds it
    String chat = "https://chat.example-oem.com/v1/messages";
    Flow c1 = r.add(1, 1.4, "POST", chat, utf8("{\"to\":\"+886912000111\",\"text\":\"" + SHORT + "\"}"));
    Flow c2 = r.add(2, 1.4, "POST", chat, utf8("{\"to\":\"+886955000222\",\"text\":\"" + LONG + "\"}"));
    for (Flow c : List.of(c1, c2)) {
      r.detected.add(new Finding(c.index(), c.time(), "POST", "chat.example-oem.com", chat, Channel.PROXY,
          "sms.body", "plain", Location.BODY, "body", "as-given", "planted"));
    }
    // the contact list grows by the contact each run adds
    r.add(1, 2.5, "POST", "https://backup.example-oem.com/v1/contacts", utf8("contacts=%2B886922000111"));
    r.add(2, 2.5, "POST", "https://backup.example-oem.com/v1/contacts",
        utf8("contacts=%2B886922000111%2C%2B886933000222"));

    DifferentialResult result = r.compare();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).isNotEmpty();
  }

  @Test
  public void an_upload_present_only_right_after_one_planting_is_reported() {
    Runs r = new Runs();
    r.periodic("GET", "https://ota.vendor.test/check", new byte[0]);
    Flow once = r.add(2, 2, "POST", "https://keyword.vendor.test/v1/flag", encrypt("long text"));

    assertThat(r.compare().findings()).singleElement().satisfies(f -> {
      assertThat(f.flow()).isEqualTo(once.index());
      assertThat(f.identifier()).isEqualTo("sms.body");
      assertThat(f.encoding()).isEqualTo("opaque");
      assertThat(f.host()).isEqualTo("keyword.vendor.test");
      assertThat(f.detail()).contains("present only in run 2");
    });
  }

  @Test
  public void a_slow_periodic_service_seen_in_one_run_only_is_not_reported() {
    Runs r = new Runs();
    // every 40 s: once before the first run, once inside it (but late), none in the second
    r.add(0, -25, "POST", "https://slow.vendor.test/beat", encrypt("beat"));
    r.add(1, 9, "POST", "https://slow.vendor.test/beat", encrypt("beat"));
    // a one-off before the planting step (a setting just switched on)
    r.add(1, 0.2, "GET", "https://ads.vendor.test/v1/id?aid=x", new byte[0]);

    DifferentialResult result = r.compare();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).filteredOn(n -> n.contains("outside its planting window")).hasSize(2);
  }

  @Test
  public void values_whose_length_barely_changed_explain_no_size_change() {
    Runs r = new Runs();
    // sms.to and the canary keep their length; a 3-byte change follows none of them
    r.add(1, 2, "POST", "https://a.vendor.test/x", encrypt("+886912000111"));
    r.add(2, 2, "POST", "https://a.vendor.test/x", encrypt("+886955000222xyz"));

    assertThat(r.compare().findings()).isEmpty();
    assertThat(Duration.between(T0, start(2))).isPositive();
  }

  @Test
  public void reports_a_fixed_key_cipher_of_the_imei_whose_content_follows_the_switched_identity() {
    Runs r = new Runs();
    r.periodic("GET", "https://ota.vendor.test/check?build=3.2.0", new byte[0]);
    everyTwoSeconds(r, "https://hb.vendor.test/v1/beat", fixedKeyEncrypt(IMEI_1), fixedKeyEncrypt(IMEI_2));

    DifferentialResult result = r.compareSwitched();

    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.identifier()).isEqualTo("imei");
      assertThat(f.encoding()).isEqualTo("opaque");
      assertThat(f.host()).isEqualTo("hb.vendor.test");
      assertThat(f.location()).isEqualTo(Location.BODY);
      assertThat(f.detail()).startsWith("content follows the planted identity/values: the same 16 bytes in each of"
          + " the 5 flows of run 1").contains("changed without changing length: imei, android-id, sms.to, canary");
    });
  }

  @Test
  public void the_content_rule_needs_two_flows_in_each_run() {
    Runs r = new Runs();
    // a one-off report with a timestamp differs between the runs but shows no constancy
    r.add(1, 5, "POST", "https://diag.vendor.test/v2/report", utf8("t=1764072005&k=1"));
    r.add(2, 5, "POST", "https://diag.vendor.test/v2/report", utf8("t=1764072035&k=1"));

    assertThat(r.compareSwitched().findings()).isEmpty();
  }

  @Test
  public void content_that_varies_within_a_run_is_not_reported() {
    Runs r = new Runs();
    for (double s = 0; s < 10; s += 2) {
      r.add(1, s, "POST", "https://hb.vendor.test/v1/beat", utf8("seq=" + (int) (10 + s)));
      r.add(2, s, "POST", "https://hb.vendor.test/v1/beat", utf8("seq=" + (int) (40 + s)));
    }
    r.add(1, 1, "POST", "https://hb.vendor.test/v1/nonce", encrypt(IMEI_1));
    r.add(1, 3, "POST", "https://hb.vendor.test/v1/nonce", encrypt(IMEI_1));
    r.add(2, 1, "POST", "https://hb.vendor.test/v1/nonce", encrypt(IMEI_2));
    r.add(2, 3, "POST", "https://hb.vendor.test/v1/nonce", encrypt(IMEI_2));

    assertThat(r.compareSwitched().findings()).isEmpty();
  }

  @Test
  public void content_the_same_in_both_runs_or_explained_by_the_detector_is_not_reported() {
    Runs r = new Runs();
    everyTwoSeconds(r, "https://hb.vendor.test/v1/same", fixedKeyEncrypt("build 3.2.0"), fixedKeyEncrypt("build 3.2.0"));
    everyTwoSeconds(r, "https://hb.vendor.test/v1/plain", utf8("i=" + IMEI_1), utf8("i=" + IMEI_2));
    Flow seen = r.second.get(r.second.size() - 1);
    r.detected.add(new Finding(seen.index(), seen.time(), "POST", "hb.vendor.test", seen.url(), Channel.PROXY,
        "imei", "plain", Location.BODY, "body", "as-given", "phone", Optional.empty()));

    DifferentialResult result = r.compareSwitched();

    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).anyMatch(n -> n.contains("/v1/plain") && n.contains("the detector found a value there"));
  }
}
