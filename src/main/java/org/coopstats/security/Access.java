package org.coopstats.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ProblemException;
import org.coopstats.common.ProblemMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, and what they may do. Reading published data needs no identity; writing needs a
 * role, for the user's own provider unless the user is an admin.
 *
 * <p>The identity is a database user (HTTP Basic) or, when OIDC is switched on, a bearer token:
 * Quarkus gives both their name and roles; only the provider comes from different places, the
 * user's row or a claim of the token.
 */
@RequestScoped
public class Access {

  private final SecurityIdentity identity;
  private final ProviderRegistry providers;
  private final String providerClaim;
  private final boolean bearerTokensAccepted;
  private Optional<String> provider;
  private String system;

  public Access(
      SecurityIdentity identity,
      ProviderRegistry providers,
      @ConfigProperty(name = "coopstats.oidc.provider-claim", defaultValue = "coopstats_provider")
          String providerClaim,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
          boolean bearerTokensAccepted) {
    this.identity = identity;
    this.providers = providers;
    this.providerClaim = providerClaim;
    this.bearerTokensAccepted = bearerTokensAccepted;
  }

  /**
   * Lets the application itself act, with every right, for the rest of the current request context
   * (loading the demo data at startup).
   */
  public void actAsSystem(String name) {
    this.system = name;
  }

  public String actor() {
    if (system != null) {
      return system;
    }
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  public boolean isAdmin() {
    return system != null || (!identity.isAnonymous() && identity.hasRole(Role.ADMIN));
  }

  /** The provider the user acts for, if any. */
  public Optional<String> provider() {
    if (provider == null) {
      provider = system != null || identity.isAnonymous() ? Optional.empty() : actingProvider();
    }
    return provider;
  }

  private Optional<String> actingProvider() {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      return providerOf(token);
    }
    return AppUser.<AppUser>findByIdOptional(identity.getPrincipal().getName())
        .map(user -> user.providerId);
  }

  /** The provider a token names in {@code coopstats.oidc.provider-claim}: a registered one. */
  private Optional<String> providerOf(JsonWebToken token) {
    Optional<String> named =
        token.claim(providerClaim).map(Object::toString).filter(id -> !id.isBlank());
    if (named.isPresent() && !providers.isRegistered(named.get())) {
      throw ProblemException.forbidden(
          "Your token names provider '"
              + named.get()
              + "' (claim "
              + providerClaim
              + "), which is not registered here. Ask an admin to register it, or the identity"
              + " provider's administrator to correct the claim.");
    }
    return named;
  }

  /** Whether the user may see what a provider has not released: drafts, embargoed data. */
  public boolean canSeeUnreleased(String providerId) {
    return isAdmin() || provider().filter(providerId::equals).isPresent();
  }

  public void requireAdmin() {
    requireAuthenticated();
    if (!isAdmin()) {
      throw ProblemException.forbidden("This needs the admin role.");
    }
  }

  /** The user must hold {@code role} for {@code providerId}, or be an admin. */
  public void require(String role, String providerId) {
    requireAuthenticated();
    if (isAdmin()) {
      return;
    }
    if (!identity.hasRole(role)) {
      throw ProblemException.forbidden("This needs the " + role + " role.");
    }
    if (provider().filter(providerId::equals).isEmpty()) {
      throw ProblemException.forbidden(
          "You act for "
              + provider().orElse("no provider")
              + "; this belongs to provider "
              + providerId
              + ".");
    }
  }

  /**
   * The user must hold {@code role} and act for {@code providerId}, an admin being no exception:
   * for what only the provider's own people may read, a register's unit records.
   */
  public void requireOwn(String role, String providerId, String what) {
    requireAuthenticated();
    if (system != null) {
      return;
    }
    if (!identity.hasRole(role) || provider().filter(providerId::equals).isEmpty()) {
      throw ProblemException.forbidden(
          what
              + " are read and written only by the "
              + role
              + "s of provider "
              + providerId
              + "; you act for "
              + provider().orElse("no provider")
              + (identity.hasRole(role) ? "." : " and lack the " + role + " role."));
    }
  }

  public void requireAuthenticated() {
    if (system == null && identity.isAnonymous()) {
      throw unauthorized();
    }
  }

  /** Mostly answered before this is reached: see UserRequiredPolicies. */
  private ProblemException unauthorized() {
    return new ProblemException(
        401,
        "unauthorized",
        "Authentication required",
        ProblemMappers.userNeeded(bearerTokensAccepted),
        null,
        Map.of());
  }
}
