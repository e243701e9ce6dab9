package io.phonehome.simulator.net;

import io.phonehome.simulator.HostProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The loopback sink's TLS key and self-signed certificate. Made once per process with
 * the JDK's own {@code keytool} (no certificate library needed) in the background, so a
 * handset starts without waiting for it.
 */
final class SinkIdentity {
  private static final char[] PASSWORD = "phonehome-sink".toCharArray();
  private static CompletableFuture<SinkIdentity> pending;

  private final KeyStore keyStore;
  private final X509Certificate certificate;

  private SinkIdentity(KeyStore keyStore, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  /** Starts making the identity if nobody has yet. */
  static synchronized CompletableFuture<SinkIdentity> prepare() {
    if (pending == null || pending.isCompletedExceptionally()) {
      CompletableFuture<SinkIdentity> f = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          f.complete(generate());
        } catch (Exception e) {
          f.completeExceptionally(e);
        }
      }, "sink-keytool");
      t.setDaemon(true);
      t.start();
      pending = f;
    }
    return pending;
  }

  /** The identity, waiting for keytool when it still runs. */
  static SinkIdentity get() throws IOException {
    try {
      return prepare().join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException("sink certificate: " + c, c);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  SSLContext serverContext() throws IOException {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("sink TLS context: " + e.getMessage(), e);
    }
  }

  private static SinkIdentity generate() throws IOException, GeneralSecurityException, InterruptedException {
    Path dir = Files.createTempDirectory("phonehome-sink");
    Path store = dir.resolve("sink.p12");
    Path log = dir.resolve("keytool.log");
    try {
      Process p = HostProgram.KEYTOOL.command(HostProgram.KEYTOOL.inJavaHome(), List.of("-genkeypair", "-alias", "sink",
          "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
          "-dname", "CN=phonehome loopback sink, O=phonehome", "-validity", "3650",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1",
          "-storetype", "PKCS12", "-keystore", store.toString(),
          "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish in 60 s making the sink certificate");
      }
      if (p.exitValue() != 0) {
        throw new IOException("keytool exited with status " + p.exitValue() + " making the sink certificate: "
            + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD);
      }
      return new SinkIdentity(ks, (X509Certificate) ks.getCertificate("sink"));
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(log);
      Files.deleteIfExists(dir);
    }
  }
}
