package org.coopstats.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * OIDC access tokens as an identity provider would issue them: RS256 JWTs signed with the test key
 * pair in {@code src/test/resources/oidc} (made for these tests, trusted nowhere else).
 */
public final class Tokens {

  public static final String ISSUER = "https://idp.coopstats.test/realms/coops";
  public static final String PROVIDER_CLAIM = "coopstats_provider";

  private Tokens() {}

  /** The public key, base64 without the PEM lines, as {@code quarkus.oidc.public-key} takes it. */
  public static String publicKey() {
    return pemBody("/oidc/test-signing-key.pub.pem");
  }

  /**
   * A token for {@code username} (its {@code preferred_username}; the {@code sub} is an opaque id),
   * with {@code roles} in the {@code groups} claim (none: no such claim), acting for {@code
   * providerId} (null: no provider claim), valid for the next five minutes.
   */
  public static JwtClaimsBuilder claims(String username, String providerId, String... roles) {
    JwtClaimsBuilder claims =
        Jwt.issuer(ISSUER)
            .subject("sub-" + username.hashCode())
            .claim("preferred_username", username)
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(300));
    if (roles.length > 0) {
      claims.groups(Set.of(roles));
    }
    return providerId == null ? claims : claims.claim(PROVIDER_CLAIM, providerId);
  }

  public static String token(String username, String providerId, String... roles) {
    return sign(claims(username, providerId, roles));
  }

  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId("test").sign(privateKey());
  }

  /** Signed with a key pair made on the spot, which the service has never seen. */
  public static String signWithAnotherKey(JwtClaimsBuilder claims) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return claims.jws().keyId("test").sign(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey privateKey() {
    try {
      byte[] der = Base64.getDecoder().decode(pemBody("/oidc/test-signing-key.pem"));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pemBody(String resource) {
    try (InputStream in = Tokens.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----[A-Z ]+-----", "")
          .replaceAll("\\s", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
