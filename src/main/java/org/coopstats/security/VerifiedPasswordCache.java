package org.coopstats.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.jpa.runtime.JpaIdentityProvider;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
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
 *
 * <p>A password not remembered is checked only if {@link PasswordChecks} lets it: after repeated
 * failures for the user name or the client address, the request fails at once (429), without a
 * bcrypt check, so a flood of wrong passwords cannot eat the CPU.
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
  private final PasswordChecks checks;
  private final Clock clock;

  VerifiedPasswordCache(JpaIdentityProvider database, PasswordChecks checks, Clock clock) {
    this.clock = clock;
    this.database = database;
    this.checks = checks;
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
        && known.until().isAfter(clock.instant())
        && MessageDigest.isEqual(known.digest(), digest)) {
      return Uni.createFrom().item(known.identity());
    }
    String address = clientAddress(request);
    var refusal = checks.refusal(username, address);
    if (refusal.isPresent()) {
      return Uni.createFrom().failure(refusal.get());
    }
    return database
        .authenticate(request, context)
        .invoke(
            identity -> {
              if (identity != null && !identity.isAnonymous()) {
                checks.succeeded(username);
                remember(username, new Verified(digest, identity, clock.instant().plus(LIFETIME)));
              }
            })
        .onFailure(VerifiedPasswordCache::isWrongPassword)
        .invoke(failure -> checks.failed(username, address));
  }

  /** A refused user or password, not a database that cannot be reached. */
  private static boolean isWrongPassword(Throwable failure) {
    if (!(failure instanceof AuthenticationFailedException)) {
      return false;
    }
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLException
          || t.getClass().getName().startsWith("org.hibernate.exception")) {
        return false;
      }
    }
    return true;
  }

  /** The peer's address (the client's when quarkus.http.proxy forwarding is configured). */
  private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
    RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (routing == null || routing.request().remoteAddress() == null) {
      return null;
    }
    return routing.request().remoteAddress().hostAddress();
  }

  /** Drops what was verified for this user: its password or roles may have changed. */
  public void forget(String username) {
    verified.remove(username);
  }

  private void remember(String username, Verified entry) {
    if (verified.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
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
