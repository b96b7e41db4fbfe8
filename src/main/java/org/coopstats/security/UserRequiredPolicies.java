package org.coopstats.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The HTTP permission policies named in application.properties ({@code
 * quarkus.http.auth.permission.*}): they run in the HTTP layer, before the REST layer reads the
 * body, negotiates media types or checks sizes, so a request that needs a user is answered 401
 * before anything about it is looked at. Which requests need a user is configured there (writes,
 * users, audit, jobs, submissions); these policies only say what "needs a user" means.
 *
 * <p>They fail with {@link UnauthorizedException} rather than deny: a denial would be answered by
 * the authentication mechanism's bare challenge, a failure goes to ProblemMappers, which answers
 * problem+json with the WWW-Authenticate challenges.
 */
public final class UserRequiredPolicies {

  private UserRequiredPolicies() {}

  /** {@code user-required}: any signed-in user; roles and providers are checked further in. */
  @ApplicationScoped
  public static class UserRequired implements HttpSecurityPolicy {
    @Override
    public Uni<CheckResult> checkPermission(
        RoutingContext request,
        Uni<SecurityIdentity> identity,
        AuthorizationRequestContext context) {
      return identity.onItem().transformToUni(UserRequiredPolicies::requireUser);
    }

    @Override
    public String name() {
      return "user-required";
    }
  }

  /** {@code unreleased-view}: {@code view=draft} and {@code view=preview} need a user. */
  @ApplicationScoped
  public static class UnreleasedView implements HttpSecurityPolicy {
    private static final Set<String> UNRELEASED = Set.of("draft", "preview");

    @Override
    public Uni<CheckResult> checkPermission(
        RoutingContext request,
        Uni<SecurityIdentity> identity,
        AuthorizationRequestContext context) {
      if (request.queryParam("view").stream().noneMatch(UNRELEASED::contains)) {
        return CheckResult.permit();
      }
      return identity.onItem().transformToUni(UserRequiredPolicies::requireUser);
    }

    @Override
    public String name() {
      return "unreleased-view";
    }
  }

  private static Uni<HttpSecurityPolicy.CheckResult> requireUser(SecurityIdentity identity) {
    return identity == null || identity.isAnonymous()
        ? Uni.createFrom().failure(new UnauthorizedException())
        : HttpSecurityPolicy.CheckResult.permit();
  }
}
