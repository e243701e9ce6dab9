package io.phonehome.detect;

import static io.phonehome.detect.Identities.IMEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.testng.annotations.Test;

public class DepthDetectionTest {
  private static final String URL = "https://api.example.com/u";

  private final Detector detector = new Detector(Identities.lab());

  private List<Finding> scan(Flows.Builder flow) {
    return detector.scan(flow.build()).findings();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DepthDetectionTest.class.getResourceAsStream("/detect/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  public void decodes_brotli_content_encoding_of_a_real_encoder() throws IOException {
    List<Finding> findings = scan(Flows.post(URL, resource("upload.json.br"))
        .header("Content-Type", "application/json").header("Content-Encoding", "br"));

    assertThat(findings).extracting(Finding::identifier, Finding::encoding, Finding::detail).containsExactly(
        tuple("imei", "plain", "json $.device.imei"),
        tuple("contacts", "plain", "json $.contacts[0]"),
        tuple("contacts", "plain", "json $.contacts[1]"));
  }

  @Test
  public void decodes_a_chain_of_content_encodings() {
    byte[] body = BrotliWriter.encode(Flows.gzip("imei=" + IMEI));

    assertThat(scan(Flows.post(URL, body).header("Content-Encoding", "gzip, br")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("imei", "plain", "body"));
  }

  @Test
  public void finds_brotli_inside_base64_in_a_header() {
    // brotli.compress(b'{"n":"+886912345678","n2":"+886912345678"}', quality=11), base64
    String value = "GykA+I2ULgtugelGylfP7D/QllArbqWIVEFC/8iFNMcjq2eFMXw=";

    assertThat(scan(Flows.get(URL).header("X-Blob", value)))
        .extracting(Finding::identifier, Finding::encoding, Finding::location)
        .contains(tuple("phone-number", "br+base64", Location.HEADER));
  }

  @Test
  public void a_brotli_bomb_is_capped_with_a_note() {
    byte[] bomb = BrotliWriter.encode(new byte[3 << 20]);
    Detector small = new Detector(Identities.lab(), new DetectorLimits(1 << 20, 64L << 20, 1000));

    FlowScan scan = small.scan(Flows.post(URL, bomb).header("Content-Encoding", "br").build());

    assertThat(scan.findings()).singleElement().extracting(Finding::detail)
        .isEqualTo("body past the 1 MiB inflate cap (br)");
    assertThat(scan.notes()).singleElement().asString().contains("Content-Encoding br").contains("decompression bomb");
  }

  @Test
  public void names_the_multipart_part_and_undoes_its_transfer_encoding() {
    String body = "--xyz\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{\"v\":1}\r\n"
        + "--xyz\r\nContent-Disposition: form-data; name=\"dev\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Flows.base64("imei " + IMEI) + "\r\n"
        + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + Identities.CANARY + ".txt\"\r\n\r\nhi\r\n"
        + "--xyz--\r\n";

    assertThat(scan(Flows.post(URL, body).header("Content-Type", "multipart/form-data; boundary=\"xyz\"")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("imei", "plain", "part dev"), tuple("canary", "plain", "part file headers"));
  }

  @Test
  public void names_the_json_path_at_any_depth() {
    String body = "{\"a\":{\"list\":[1,{\"x\":null},{\"dev\":{\"imei\":\"" + Flows.base64(IMEI) + "\"}}]},"
        + "\"odd key\":\"" + Digests.md5(IMEI) + "\"}";

    assertThat(scan(Flows.post(URL, body)))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("imei", "base64", "json $.a.list[2].dev.imei"), tuple("imei", "md5", "json $['odd key']"));
  }

  @Test
  public void falls_back_to_the_body_when_json_is_broken() {
    assertThat(scan(Flows.post(URL, "{\"a\":[1,2,\"x\" \"imei\":\"" + IMEI + "\"")))
        .extracting(Finding::identifier, Finding::detail).containsExactly(tuple("imei", "body"));
  }

  @Test
  public void names_protobuf_fields_and_reads_numbers_as_varints() {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    field(inner, 3, bytes(Identities.ANDROID_ID));
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    field(message, 1, bytes("armani"));
    field(message, 2, inner.toByteArray());
    varintField(message, 4, Long.parseLong(IMEI));
    varintField(message, 5, 912_345_678L);

    assertThat(scan(Flows.post(URL, message.toByteArray()).header("Content-Type", "application/x-protobuf")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(
            tuple("android-id", "plain", "protobuf field 2.3"),
            tuple("imei", "varint", "protobuf field 4"),
            tuple("phone-number", "varint", "protobuf field 5"));
  }

  @Test
  public void reads_grpc_frames_message_by_message() {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    field(first, 1, bytes("armani"));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    field(second, 2, bytes(Identities.PHONE));
    byte[] compressed = Flows.gzip(second.toByteArray());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    frame(body, 0, first.toByteArray());
    frame(body, 1, compressed);

    assertThat(scan(Flows.post(URL, body.toByteArray()).header("Content-Type", "application/grpc+proto")
        .header("grpc-encoding", "gzip")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("phone-number", "plain", "grpc message 2 protobuf field 2"));
  }

  private static void frame(ByteArrayOutputStream out, int flag, byte[] message) {
    out.write(flag);
    out.write(message.length >>> 24);
    out.write(message.length >>> 16);
    out.write(message.length >>> 8);
    out.write(message.length);
    out.writeBytes(message);
  }

  @Test
  public void finds_a_value_at_every_byte_offset_of_a_base64_blob() {
    for (int k = 0; k < 3; k++) {
      String blob = Flows.base64(bytes("x".repeat(k) + IMEI + "|ts=1409040000"));
      assertThat(scan(Flows.get(URL).header("X-Token", blob))).as("offset %d", k)
          .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "base64"));
    }
  }

  @Test
  public void aligned_base64_needles_are_in_the_base64_of_any_blob_holding_the_value() {
    List<Needle> needles = Needles.of(IdentitySet.builder().add("imei", IMEI, "t").build());
    for (int k = 0; k < 3; k++) {
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String blob = encoder.encodeToString(bytes("\u0001".repeat(k) + IMEI + "\u00ff\u00fe"));
        assertThat(needles).as("offset %d", k)
            .anyMatch(n -> n.text().length() >= Needles.MIN_ALIGNED_BASE64 && blob.contains(n.text())
                && n.encoding().startsWith("base64"));
      }
    }
  }

  @Test
  public void finds_forward_chains_of_digests_and_encodings() {
    String mac = Identities.MAC.toUpperCase(Locale.ROOT);
    String md5Bytes = Base64.getEncoder().encodeToString(Transforms.digest("md5", bytes(IMEI)));
    String sha256Base64 = Flows.base64(Digests.sha256(IMEI));
    String urlBase64 = java.net.URLEncoder.encode(Flows.base64(Identities.PHONE), StandardCharsets.UTF_8);
    String md5OfSha1 = Digests.md5(Digests.sha1(IMEI));

    assertThat(scan(Flows.postForm(URL, "a=" + Digests.sha1(mac) + "&b=" + md5Bytes.replace("+", "%2B")
        + "&c=" + sha256Base64 + "&d=" + urlBase64 + "&e=" + md5OfSha1)))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .contains(
            tuple("wifi-mac", "upper+sha1", "field a"),
            tuple("imei", "md5-bytes+base64", "field b"),
            tuple("imei", "sha256+base64", "field c"),
            tuple("phone-number", "base64+url", "field d"),
            tuple("imei", "sha1+md5", "field e"));
  }

  @Test
  public void murmur3_matches_the_published_vectors() {
    assertThat(Needles.murmur3(bytes("hello"))).isEqualTo(0x248bfa47);
    assertThat(Needles.murmur3(bytes("The quick brown fox jumps over the lazy dog"))).isEqualTo(0x2e4ff723);
    assertThat(Needles.murmur3(new byte[0])).isZero();
  }

  @Test
  public void finds_murmur3_of_the_android_id_in_both_byte_orders() {
    com.google.common.hash.HashCode hash = com.google.common.hash.Hashing.murmur3_32_fixed()
        .hashBytes(bytes(Identities.ANDROID_ID));

    assertThat(scan(Flows.get(URL + "?h=" + hash + "&i=" + String.format("%08x", hash.asInt()))))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("android-id", "murmur3", "param h"), tuple("android-id", "murmur3", "param i"));
  }

  @Test
  public void joins_base64_wrapped_into_lines_as_android_writes_it() {
    StringBuilder contacts = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      contacts.append("+8869").append(String.format("%08d", i * 7919)).append(',');
    }
    contacts.append(Identities.CONTACT_2);
    String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(Flows.gzip(contacts.toString()));
    assertThat(wrapped).contains("\n");

    assertThat(scan(Flows.postForm(URL, "c=" + java.net.URLEncoder.encode(wrapped, StandardCharsets.UTF_8))))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .containsExactly(tuple("contacts", "gzip+base64+url", "field c"));
    assertThat(scan(Flows.post(URL, "{\"c\":\"" + wrapped.replace("\n", "\\n") + "\"}")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .contains(tuple("contacts", "gzip+base64", "json $.c"));
  }

  @Test
  public void undoes_html_references_of_every_kind() {
    StringBuilder hex = new StringBuilder();
    IMEI.chars().forEach(c -> hex.append("&#x").append(Integer.toHexString(c)).append(';'));

    assertThat(scan(Flows.post(URL, "<p data-x=\"" + hex + "\">ok &amp; fine</p>")))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("imei", "html"));
  }

  @Test
  public void undoes_json_escaped_slashes_before_decoding_base64() {
    String base64 = Flows.base64(bytes("??>>" + IMEI + "???"));
    assertThat(base64).contains("/");

    assertThat(scan(Flows.post(URL, "{\"k\":\"" + base64.replace("/", "\\/") + "\"}")))
        .extracting(Finding::identifier, Finding::encoding, Finding::detail)
        .contains(tuple("imei", "base64+json", "json $.k"));
  }

  @Test
  public void finds_html_then_gzip_then_hex_three_layers_deep() {
    String hex = HexFormat.of().formatHex(Flows.gzip(Transforms.html(Identities.CANARY)));

    assertThat(scan(Flows.get(URL + "?d=" + hex)))
        .extracting(Finding::identifier, Finding::encoding).containsExactly(tuple("canary", "html+gzip+hex"));
  }

  @Test
  public void look_alikes_of_the_imei_are_clean() {
    String changed = IMEI.substring(0, 7) + (char) ('0' + (IMEI.charAt(7) - '0' + 1) % 10) + IMEI.substring(8);
    String longer = IMEI + "4";
    String prefixed = "9" + IMEI;
    String body = "a=" + changed + "&b=" + longer + "&c=" + prefixed + "&d=" + Flows.base64(longer)
        + "&e=" + Digests.md5(longer) + "&f=" + HexFormat.of().formatHex(bytes(longer))
        + "&g=" + Digests.md5(IMEI) + "00" + "&h=" + Transforms.html(longer) + "&i=" + Flows.base64(prefixed);

    assertThat(scan(Flows.postForm(URL, body.replace("&#", "%26%23").replace(";", "%3B")))).isEmpty();
  }

  @Test
  public void a_phone_number_run_on_into_more_digits_is_clean() {
    assertThat(scan(Flows.post(URL, "{\"n\":\"" + Identities.PHONE + "9\",\"m\":\"09123456789\"}"))).isEmpty();
  }

  @Test
  public void numeric_needles_stand_alone_only_between_non_digits() {
    Needle imei = Needles.of(IdentitySet.builder().add("imei", IMEI, "t").build()).get(0);

    assertThat(imei.mustStandAlone()).isTrue();
    assertThat(imei.standsAlone("id=" + IMEI + "&", 3, 18)).isTrue();
    assertThat(imei.standsAlone("id=" + IMEI + "4", 3, 18)).isFalse();
    assertThat(imei.standsAlone("id" + IMEI, 2, 17)).isTrue();
  }

  private static void field(ByteArrayOutputStream out, int number, byte[] content) {
    out.write(number << 3 | 2);
    out.write(content.length);
    out.writeBytes(content);
  }

  private static void varintField(ByteArrayOutputStream out, int number, long value) {
    out.write(number << 3);
    long v = value;
    while ((v & ~0x7fL) != 0) {
      out.write((int) (v & 0x7f | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
