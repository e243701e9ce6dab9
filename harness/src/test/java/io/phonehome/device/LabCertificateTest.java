package io.phonehome.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

public class LabCertificateTest {
  @Test
  public void subject_hash_old_matches_openssl() throws Exception {
    // `openssl x509 -in lab-ca.pem -noout -subject_hash_old` prints da58ca73
    assertThat(LabCertificate.subjectHashOld(resource("device/lab-ca.pem"))).isEqualTo("da58ca73");
  }

  @Test
  public void rejects_a_file_that_is_not_a_certificate() throws IOException {
    Path junk = Files.createTempFile("not-a-cert", ".pem");
    try {
      Files.writeString(junk, "hello");
      assertThatThrownBy(() -> LabCertificate.subjectHashOld(junk))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not a PEM certificate");
    } finally {
      Files.deleteIfExists(junk);
    }
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(LabCertificateTest.class.getClassLoader().getResource(name).toURI());
  }
}
