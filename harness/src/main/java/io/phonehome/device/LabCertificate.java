package io.phonehome.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The lab CA as Android stores system CAs: {@code <subject_hash_old>.0}. */
public final class LabCertificate {
  private LabCertificate() {}

  /**
   * OpenSSL's old subject hash (what {@code openssl x509 -subject_hash_old} prints): the
   * first four bytes of the MD5 of the DER-encoded subject, read little-endian.
   */
  public static String subjectHashOld(Path pem) throws IOException {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(pem)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new IOException(pem + ": not a PEM certificate: " + e.getMessage(), e);
    }
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(cert.getSubjectX500Principal().getEncoded());
      long h = (md5[0] & 0xffL) | (md5[1] & 0xffL) << 8 | (md5[2] & 0xffL) << 16 | (md5[3] & 0xffL) << 24;
      return String.format("%08x", h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
