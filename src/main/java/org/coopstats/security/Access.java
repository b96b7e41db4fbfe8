package org.coopstats.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Map;
import java.util.Optional;
import org.coopstats.common.ProblemException;

/**
 * Who is asking, and what they may do. Reading published data needs no identity; writing needs a
 * role, for the user's own provider unless the user is an admin.
 */
@RequestScoped
public class Access {

  private final SecurityIdentity identity;
  private Optional<String> provider;
  private String system;

  public Access(SecurityIdentity identity) {
    this.identity = identity;
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
      provider =
          system != null || identity.isAnonymous()
              ? Optional.empty()
              : AppUser.<AppUser>findByIdOptional(identity.getPrincipal().getName())
                  .map(user -> user.providerId);
    }
    return provider;
  }

  /** Whether the user may see what a provider has not released: drafts, embargoed data. */
  public boolean canSeeUnreleased(String providerId) {
    return isAdmin() || provider().filter(providerId::equals).isPresent();
  }

  public void requireAdmin() {
    requireAuthenticated();
    if (!isAdmin()) {
      throw forbidden("This needs the admin role.");
    }
  }

  /** The user must hold {@code role} for {@code providerId}, or be an admin. */
  public void require(String role, String providerId) {
    requireAuthenticated();
    if (isAdmin()) {
      return;
    }
    if (!identity.hasRole(role)) {
      throw forbidden("This needs the " + role + " role.");
    }
    if (provider().filter(providerId::equals).isEmpty()) {
      throw forbidden(
          "You act for "
              + provider().orElse("no provider")
              + "; this belongs to provider "
              + providerId
              + ".");
    }
  }

  public void requireAuthenticated() {
    if (system == null && identity.isAnonymous()) {
      throw unauthorized();
    }
  }

  public static ProblemException unauthorized() {
    return new ProblemException(
        401,
        "unauthorized",
        "Authentication required",
        "Writing needs a user: send HTTP Basic credentials (Authorization: Basic …).",
        null,
        Map.of());
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail);
  }
}
