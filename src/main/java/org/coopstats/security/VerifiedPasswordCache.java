package org.coopstats.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.jpa.runtime.JpaIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a minute, the HTTP Basic credentials that Quarkus Security JPA has verified, so
 * that a client sending the same user and password again (a job being polled, a script) does not
 * pay a bcrypt verification (about 0.1 s of CPU) on every request. Only a salted SHA-256 of the
 * password is kept, in memory; deleting or re-creating a user forgets it at once on this instance
 * (other instances within the minute).
 */
@ApplicationScoped
public class VerifiedPasswordCache
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  static final Duration LIFETIME = Duration.ofMinutes(1);
  private static final int MAX_ENTRIES = 10_000;

  private record Verified(byte[] digest, SecurityIdentity identity, Instant until) {}

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final byte[] salt = new byte[32];
  private final JpaIdentityProvider database;

  VerifiedPasswordCache(JpaIdentityProvider database) {
    this.database = database;
    new SecureRandom().nextBytes(salt);
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  /**
   * Asked before the database's provider, which has the default priority ({@code SYSTEM_FIRST +
   * 1}); a higher number goes first. (This was 100, so the database was asked first and this cache
   * never used: a bcrypt check on every poll of a job, found in a profile of the upload benchmark.)
   */
  @Override
  public int priority() {
    return SYSTEM_FIRST + 100;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    String username = request.getUsername();
    byte[] digest = digest(username, request.getPassword().getPassword());
    Verified known = verified.get(username);
    if (known != null
        && known.until().isAfter(Instant.now())
        && MessageDigest.isEqual(known.digest(), digest)) {
      return Uni.createFrom().item(known.identity());
    }
    return database
        .authenticate(request, context)
        .invoke(
            identity -> {
              if (identity != null && !identity.isAnonymous()) {
                remember(username, new Verified(digest, identity, Instant.now().plus(LIFETIME)));
              }
            });
  }

  /** Drops what was verified for this user: its password or roles may have changed. */
  public void forget(String username) {
    verified.remove(username);
  }

  private void remember(String username, Verified entry) {
    if (verified.size() >= MAX_ENTRIES) {
      Instant now = Instant.now();
      verified.values().removeIf(v -> !v.until().isAfter(now));
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
    }
    verified.put(username, entry);
  }

  private byte[] digest(String username, char[] password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      sha256.update(username.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(new String(password).getBytes(StandardCharsets.UTF_8));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
