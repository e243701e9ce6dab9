package io.phonehome.simulator.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class TransformTest {
  private static final String FP = "Xiaomi/armani/armani:4.3/JLS36C/KXDMICF:user/release-keys";

  @DataProvider
  public Object[][] textVectors() {
    return new Object[][] {
      {"url", "+886 912/345", "%2B886+912%2F345"},
      {"url", "a.b-c*d_e~", "a.b-c*d_e%7E"},
      {"base64", "foobar", "Zm9vYmFy"},
      {"base64", "fo", "Zm8="},
      {"base64url", "\u00ff\u00fe?>", "w7_Dvj8-"},
      {"base64url", "fo", "Zm8"},
      {"base32", "foobar", "MZXW6YTBOI======"},
      {"base32", "f", "MY======"},
      {"base32", "", ""},
      {"hex", "861", "383631"},
      {"hex", "\u00ff", "c3bf"},
      {"HEX", "\u00ff", "C3BF"},
      {"html", "a1<", "&#97;&#49;&#60;"},
      {"json", "a1\"", "\\u0061\\u0031\\u0022"},
      {"rot13", "Hello, World 42", "Uryyb, Jbeyq 42"},
      {"md5", "", "d41d8cd98f00b204e9800998ecf8427e"},
      {"md5", "abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
      {"sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"sha512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
      {"digits", "+886 (912) 345-678", "886912345678"},
      {"upper", "ac:f7:f3", "AC:F7:F3"},
      {"lower", "AC:F7:F3", "ac:f7:f3"},
    };
  }

  @Test(dataProvider = "textVectors")
  public void transforms_text_to_the_known_vector(String name, String input, String expected) {
    Transform t = Transform.of(name).orElseThrow();
    assertThat(new String(t.apply(input.getBytes(StandardCharsets.UTF_8), FP), StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  @Test
  public void gzip_gives_an_rfc1952_member_that_inflates_back() throws IOException {
    byte[] out = Transform.GZIP.apply("861234567890123".getBytes(StandardCharsets.UTF_8), FP);
    assertThat(Arrays.copyOf(out, 2)).containsExactly(0x1f, 0x8b);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("861234567890123");
    }
  }

  @Test
  public void deflate_gives_a_zlib_stream_that_inflates_back() throws IOException {
    byte[] out = Transform.DEFLATE.apply("861234567890123".getBytes(StandardCharsets.UTF_8), FP);
    assertThat(out[0]).isEqualTo((byte) 0x78);
    assertThat(((out[0] & 0xff) << 8 | (out[1] & 0xff)) % 31).isZero();
    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(out))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("861234567890123");
    }
  }

  @Test
  public void encrypt_is_aes_gcm_under_the_build_key_and_hides_the_value() throws Exception {
    byte[] plain = "861234567890123".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = Transform.ENCRYPT.apply(plain, FP);
    assertThat(sealed).hasSize(12 + plain.length + 16);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("861234567890123");
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, Transform.buildKey(FP), new GCMParameterSpec(128, sealed, 0, 12));
    assertThat(c.doFinal(sealed, 12, sealed.length - 12)).isEqualTo(plain);
  }

  @Test
  public void encrypt_keys_differ_between_builds() {
    assertThat(Transform.buildKey(FP).getEncoded())
        .isNotEqualTo(Transform.buildKey("Nimbus/aurora/aurora:9/PQ3A/1:user/release-keys").getEncoded());
  }

  @Test
  public void names_are_case_sensitive_so_hex_and_HEX_differ() {
    assertThat(Transform.of("hex")).contains(Transform.HEX_LOWER);
    assertThat(Transform.of("HEX")).contains(Transform.HEX_UPPER);
    assertThat(Transform.of("Hex")).isEmpty();
  }
}
