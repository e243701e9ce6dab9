package io.phonehome.simulator.net;

import io.phonehome.simulator.HostProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test proxy's TLS identity made with the JDK's keytool: a self-signed certificate for
 * given host names, and its PEM, which a test installs in the handset's CA directory.
 */
public final class TestCertificates {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private final KeyStore keyStore;
  private final byte[] pem;

  private TestCertificates(KeyStore keyStore, byte[] pem) {
    this.keyStore = keyStore;
    this.pem = pem;
  }

  /** Makes a key and certificate valid for the given DNS names. */
  public static TestCertificates forHosts(Path dir, String... hosts) throws IOException, InterruptedException,
      GeneralSecurityException {
    Path store = dir.resolve("proxy.p12");
    Path pemFile = dir.resolve("proxy-ca.pem");
    Files.deleteIfExists(store);
    Files.deleteIfExists(pemFile);
    List<String> san = new ArrayList<>();
    for (String h : hosts) {
      san.add("dns:" + h);
    }
    keytool(dir, "-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=phonehome test proxy CA", "-validity", "30", "-ext", "SAN=" + String.join(",", san),
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD), "-noprompt");
    keytool(dir, "-exportcert", "-rfc", "-alias", "proxy", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-file", pemFile.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    return new TestCertificates(ks, Files.readAllBytes(pemFile));
  }

  public byte[] pem() {
    return pem.clone();
  }

  /** A server context presenting this certificate. */
  public SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = HostProgram.KEYTOOL.command(HostProgram.KEYTOOL.inJavaHome(), List.of(args));
    List<String> cmd = builder.command();
    Path log = dir.resolve("keytool.log");
    Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + cmd + ": " + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      p.destroyForcibly();
    }
  }
}
