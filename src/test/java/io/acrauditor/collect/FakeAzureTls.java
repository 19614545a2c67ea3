package io.acrauditor.collect;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The fake Azure's TLS identity (fake-azure-tls.p12, CN and SAN localhost, made once with keytool)
 * and a trust store holding its certificate alone, so that nothing in a test or benchmark can
 * reach a real endpoint by mistake.
 */
public final class FakeAzureTls {
  public static final String KEYSTORE = "fake-azure/fake-azure-tls.p12";
  public static final char[] KEYSTORE_PASSWORD = "fake-azure".toCharArray();

  private FakeAzureTls() {}

  /** A trust store with the fake's certificate and nothing else. */
  public static KeyStore trustStore() {
    try (InputStream in = FakeAzureTls.class.getClassLoader().getResourceAsStream(KEYSTORE)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, KEYSTORE_PASSWORD);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fake-azure", keyStore.getCertificate("fake-azure"));
      return trust;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + KEYSTORE, e);
    }
  }

  /** A TLS context that trusts the fake and nothing else. */
  public static SSLContext sslContext() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore());
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
