package io.phonehome.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.phonehome.capture.Flow;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import io.phonehome.detect.Flows;
import io.phonehome.detect.IdentitySet;
import io.phonehome.detect.Identities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.testng.annotations.Test;

/** Traffic written the way the leaky 2014-08 firmware profile writes it, by hand. */
public class LeakyFirmwareTrafficTest {
  private static final String CARRIER = "Chunghwa Telecom";
  private static final String IMSI = "466921234567890";

  private static String digest(String algorithm, String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void every_upload_of_the_leaky_profile_is_found_with_its_chain() throws Exception {
    IdentitySet identity = Identities.lab().merge(IdentitySet.builder()
        .add("carrier", CARRIER, "phone").add("imsi", IMSI, "phone").build());
    String imei = Identities.IMEI;
    String mac = Identities.MAC;
    List<Flow> flows = List.of(
        Flows.postForm("http://api.account.xiaomi.com/pass/v3/activate",
            "imei=" + imei + "&n=" + Flows.base64(Identities.PHONE) + "&carrier="
                + URLEncoder.encode(CARRIER, StandardCharsets.UTF_8) + "&v=MIUI-V5-2014.08").index(0).build(),
        Flows.get("http://data.mistat.xiaomi.com/mistats/v2/report?i=" + digest("MD5", imei) + "&m="
            + HexFormat.of().formatHex(mac.getBytes(StandardCharsets.US_ASCII)) + "&d=armani").index(1).build(),
        Flows.postForm("https://api.account.xiaomi.com/pass/v2/safe/user/cloudmsg",
            "n=" + Flows.base64(Identities.PHONE) + "&imsi=" + Flows.base64(IMSI) + "&imei=" + digest("SHA-256", imei))
            .index(2).build(),
        Flows.postForm("https://api.micloud.xiaomi.net/mic/contacts/v2/sync",
            "c=" + Flows.base64(Flows.gzip(Identities.CONTACT_1 + "," + Identities.CONTACT_2))
                + "&imei=" + digest("SHA-1", imei)).index(3).build(),
        Flows.post("https://tracking.miui.com/track/v4", Flows.gzip("{\"imei\":\"" + digest("MD5", imei)
                + "\",\"mac\":\"" + HexFormat.of().withUpperCase().formatHex(mac.getBytes(StandardCharsets.US_ASCII))
                + "\",\"event\":\"screen_view\"}"))
            .header("Content-Type", "application/json").header("Content-Encoding", "gzip").index(4).build(),
        Flows.tlsRefused(5, "sdk.open.talk.xiaomi.com"));

    AuditResult result = Audit.run(flows, identity, AuditTest.POLICY);

    assertThat(result.findings()).extracting(JudgedFinding::finding)
        .extracting(Finding::flow, Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(
            tuple(0, "imei", "plain", "field imei"),
            tuple(0, "phone-number", "base64", "field n"),
            tuple(0, "carrier", "url", "field carrier"),
            tuple(1, "imei", "md5", "param i"),
            tuple(1, "wifi-mac", "hex", "param m"),
            tuple(2, "phone-number", "base64", "field n"),
            tuple(2, "imsi", "base64", "field imsi"),
            tuple(2, "imei", "sha256", "field imei"),
            tuple(3, "contacts", "gzip+base64", "field c"),
            tuple(3, "imei", "sha1", "field imei"),
            tuple(4, "imei", "md5", "json $.imei"),
            tuple(4, "wifi-mac", "HEX", "json $.mac"),
            tuple(5, "unknown", "opaque", "TLS refused with the lab CA: client refused the certificate"));
    assertThat(result.notes()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
  }
}
