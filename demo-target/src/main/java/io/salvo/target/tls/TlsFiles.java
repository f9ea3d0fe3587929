package io.salvo.target.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate chain and its private key, as PEM files: the chain leaf first, the key as
 * unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}).
 */
public record TlsFiles(Path certificateChain, Path privateKey) {
  public TlsFiles {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
