package io.phonehome.simulator.net;

import io.phonehome.simulator.firmware.TlsTrust;
import io.phonehome.simulator.state.VirtualFs;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a service accepts, read from the handset's CA directories at connect
 * time, as Android does: a CA installed a moment ago counts, a removed one no longer does.
 * The loopback sink's certificate counts as a public CA (the sink stands in for the
 * internet) and as the pin of pinned services (it stands in for the vendor's server).
 */
final class TrustStore {
  private TrustStore() {}

  /** How a policy's refusal reads in the handset's log, with what would change it. */
  static String explain(TlsTrust trust) {
    return switch (trust) {
      case TRUSTS_USER_CA -> "trusts-user-ca accepts CAs in " + VirtualFs.SYSTEM_CA_DIR + " and " + VirtualFs.USER_CA_DIR;
      case TRUSTS_SYSTEM_CA -> "trusts-system-ca accepts only CAs in " + VirtualFs.SYSTEM_CA_DIR;
      case PINNED -> "pinned accepts only the vendor's own key, never a lab CA";
    };
  }

  /** Trust anchors for a policy, from the file system as it is now. */
  static List<X509Certificate> anchors(TlsTrust trust, VirtualFs fs, X509Certificate sinkCert) {
    List<X509Certificate> out = new ArrayList<>();
    out.add(sinkCert);
    if (trust == TlsTrust.PINNED) {
      return out;
    }
    out.addAll(pems(fs, VirtualFs.SYSTEM_CA_DIR));
    if (trust == TlsTrust.TRUSTS_USER_CA) {
      out.addAll(pems(fs, VirtualFs.USER_CA_DIR));
    }
    return out;
  }

  /** A trust manager that accepts chains ending at one of the anchors, with a clear refusal message. */
  static X509TrustManager trustManager(List<X509Certificate> anchors, String policy)
      throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (X509Certificate c : anchors) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    X509TrustManager pkix = null;
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        pkix = x;
      }
    }
    return new Refusing(pkix, policy);
  }

  private static List<X509Certificate> pems(VirtualFs fs, String dir) {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
    for (VirtualFs.Entry e : fs.filesIn(dir).values()) {
      try {
        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(e.content()))) {
          if (c instanceof X509Certificate x) {
            out.add(x);
          }
        }
      } catch (CertificateException ignored) {
        // a file Android could not parse is no CA to it either
      }
    }
    return out;
  }

  /**
   * Delegates to PKIX; on refusal names the certificate and the policy. Host name checks
   * are added by the JDK's wrapper when the socket asks for HTTPS endpoint identification.
   */
  private static final class Refusing implements X509TrustManager {
    private final X509TrustManager pkix;
    private final String policy;

    Refusing(X509TrustManager pkix, String policy) {
      this.pkix = pkix;
      this.policy = policy;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the handset accepts no client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        pkix.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        String issuer = chain.length == 0 ? "an empty chain" : chain[chain.length - 1].getIssuerX500Principal().getName();
        throw new CertificateException("certificate issued by " + issuer + " is not trusted: " + policy, e);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }
}
