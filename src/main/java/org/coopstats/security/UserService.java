package org.coopstats.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.security.UserViews.UserRequest;
import org.coopstats.security.UserViews.UserView;

@ApplicationScoped
public class UserService {

  private final Event<UserChanged> changes;
  private final VerifiedPasswordCache verified;
  private final ProviderRegistry providers;
  private final Clock clock;
  private final PasswordSettings passwords;

  public UserService(
      Event<UserChanged> changes,
      VerifiedPasswordCache verified,
      ProviderRegistry providers,
      Clock clock,
      PasswordSettings passwords) {
    this.changes = changes;
    this.passwords = passwords;
    this.clock = clock;
    this.verified = verified;
    this.providers = providers;
  }

  public Page<UserView> list(PageRequest page) {
    var query = AppUser.<AppUser>findAll(Sort.by("username"));
    return new Page<>(
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(UserView::of)
            .toList(),
        query.count(),
        page.offset(),
        page.limit());
  }

  public Optional<UserView> find(String username) {
    return AppUser.<AppUser>findByIdOptional(username).map(UserView::of);
  }

  @Transactional
  public UserView create(UserRequest request, String actor) {
    Set<String> roles = new LinkedHashSet<>(request.roles());
    for (String role : roles) {
      if (!Role.ALL.contains(role)) {
        throw ProblemException.badRequest(
            "Role '" + role + "' is unknown: use " + String.join(", ", Role.ALL) + ".");
      }
    }
    boolean admin = roles.contains(Role.ADMIN);
    if (request.providerId() == null && !admin) {
      throw ProblemException.badRequest(
          "providerId is required: submitters and publishers act for a provider.");
    }
    if (request.providerId() != null && !providers.isRegistered(request.providerId())) {
      throw ProblemException.badRequest(
          "providerId '" + request.providerId() + "' is not a registered provider.");
    }
    if (AppUser.findById(request.username()) != null) {
      throw ProblemException.conflict("User '" + request.username() + "' already exists.");
    }
    AppUser user = new AppUser();
    user.username = request.username();
    user.passwordHash = hash(request.password());
    verified.forget(request.username());
    user.roles = String.join(",", roles);
    user.providerId = request.providerId();
    user.createdAt = OffsetDateTime.now(clock);
    user.persist();
    changes.fire(
        new UserChanged(
            actor, "USER_CREATED", request.providerId(), user.username + " " + user.roles));
    return UserView.of(user);
  }

  @Transactional
  public void delete(String username, String actor) {
    AppUser user =
        AppUser.<AppUser>findByIdOptional(username)
            .orElseThrow(() -> ProblemException.notFound("There is no user '" + username + "'."));
    if (user.username.equals(actor)) {
      throw ProblemException.conflict("You cannot delete your own user.");
    }
    user.delete();
    verified.forget(username);
    changes.fire(new UserChanged(actor, "USER_DELETED", user.providerId, username));
  }

  /** Creates the first admin from configuration when the database has no admin yet. */
  @Transactional
  public boolean ensureAdmin(String username, String password) {
    if (AppUser.count("roles like ?1", "%" + Role.ADMIN + "%") > 0) {
      return false;
    }
    if (MaxUtf8Bytes.Validator.utf8Length(password) > UserViews.MAX_PASSWORD_BYTES) {
      throw new IllegalStateException(
          "COOPSTATS_ADMIN_PASSWORD is longer than "
              + UserViews.MAX_PASSWORD_BYTES
              + " bytes in UTF-8: bcrypt would ignore the rest. Choose a shorter one.");
    }
    AppUser user = new AppUser();
    user.username = username;
    user.passwordHash = hash(password);
    user.roles = Role.ADMIN;
    user.createdAt = OffsetDateTime.now(clock);
    user.persist();
    changes.fire(new UserChanged("configuration", "USER_CREATED", null, username + " admin"));
    return true;
  }

  private String hash(String password) {
    return BcryptUtil.bcryptHash(password, passwords.hashCost());
  }
}
