package io.salvo.engine.http;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.salvo.plan.HttpProtocol;
import io.salvo.plan.TlsSettings;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the client TLS contexts of a run from the plan's TLS settings: the provider (OpenSSL
 * through Netty's tcnative BoringSSL when it loads, else the JDK's), the trust (the JVM's trust
 * store plus the plan's CA, or none at all when insecure), the client certificate, the TLS
 * versions, and ALPN for the HTTP version asked.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** Whether the OpenSSL provider loads on this machine. */
  public static boolean openSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /** The provider the settings resolve to: {@code openssl} or {@code jdk}. */
  public static SslProvider provider(TlsSettings tls) {
    return switch (tls.provider()) {
      case JDK -> SslProvider.JDK;
      case OPENSSL -> {
        if (!OpenSsl.isAvailable()) {
          throw new IllegalArgumentException(
              "target.tls.provider is openssl, but OpenSSL (netty-tcnative) does not load here: "
                  + OpenSsl.unavailabilityCause());
        }
        yield SslProvider.OPENSSL;
      }
      case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    };
  }

  public static String label(SslProvider p) {
    return p == SslProvider.JDK ? "jdk" : "openssl";
  }

  /** A client context for {@code protocol}: ALPN offers h2 and/or http/1.1 accordingly. */
  public static SslContext client(TlsSettings tls, HttpProtocol protocol) throws SSLException {
    SslProvider provider = provider(tls);
    SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider);
    b.protocols(tls.versions().toArray(new String[0]));
    if (tls.insecure()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE);
      b.endpointIdentificationAlgorithm(null);
    } else {
      b.endpointIdentificationAlgorithm("HTTPS");
      List<X509Certificate> extra = tls.caCertificates();
      if (!extra.isEmpty()) {
        List<X509Certificate> all = new ArrayList<>(defaultTrust());
        all.addAll(extra);
        b.trustManager(all.toArray(new X509Certificate[0]));
      }
    }
    try {
      if (tls.clientCert() != null) {
        b.keyManager(tls.clientPrivateKey(), tls.clientChain().toArray(new X509Certificate[0]));
      } else if (tls.clientKeystore() != null) {
        char[] password =
            tls.clientKeystorePassword() == null
                ? new char[0]
                : tls.clientKeystorePassword().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(tls.clientKeystore().content()), password);
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        b.keyManager(kmf);
      }
    } catch (SSLException e) {
      throw e;
    } catch (Exception e) {
      throw new SSLException("cannot use the client certificate: " + e.getMessage(), e);
    }
    List<String> alpn =
        switch (protocol) {
          case AUTO -> List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
          case HTTP_2 -> List.of(ApplicationProtocolNames.HTTP_2);
          case HTTP_1_1 -> List.of(ApplicationProtocolNames.HTTP_1_1);
        };
    b.applicationProtocolConfig(
        new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            alpn));
    return b.build();
  }

  /** The certificates the JVM's default trust store trusts. */
  private static List<X509Certificate> defaultTrust() {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (var tm : f.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return Arrays.asList(x.getAcceptedIssuers());
        }
      }
      return List.of();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the JVM's trust store: " + e, e);
    }
  }
}
