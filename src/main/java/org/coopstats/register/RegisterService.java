package org.coopstats.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.coopstats.audit.AuditService;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.register.RegisterViews.DisclosureRules;
import org.coopstats.register.RegisterViews.PeriodView;
import org.coopstats.register.RegisterViews.RegisterRequest;
import org.coopstats.register.RegisterViews.RegisterView;
import org.coopstats.security.Access;
import org.coopstats.security.ProviderRegistry;
import org.coopstats.security.Role;

/**
 * Registers of cooperatives: created by a provider's submitters, seen by the provider's users and
 * admins (their names, rules and how many units each period holds; never a unit's figures).
 */
@ApplicationScoped
public class RegisterService {

  private static final String COLUMNS =
      "id, provider_id, name, description, min_frequency, dominance_n, dominance_k, p_percent,"
          + " protection_percent, protect_unit_counts, created_at, updated_at";

  private final DataSource dataSource;
  private final Access access;
  private final ProviderRegistry providers;
  private final AuditService audit;
  private final Clock clock;

  public RegisterService(
      DataSource dataSource,
      Access access,
      ProviderRegistry providers,
      AuditService audit,
      Clock clock) {
    this.dataSource = dataSource;
    this.access = access;
    this.providers = providers;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public RegisterView create(RegisterRequest request) {
    access.requireAuthenticated();
    String provider =
        request.providerId() != null
            ? request.providerId()
            : access
                .provider()
                .orElseThrow(
                    () ->
                        ProblemException.badRequest(
                            "You act for no provider: name the register's providerId."));
    if (!providers.isRegistered(provider)) {
      throw ProblemException.badRequest("There is no provider '" + provider + "'.");
    }
    access.require(Role.SUBMITTER, provider);
    DisclosureRules rules =
        request.disclosure() == null ? DisclosureRules.DEFAULTS : request.disclosure();
    OffsetDateTime now = OffsetDateTime.now(clock);
    long id =
        RegisterSql.insert(dataSource, provider, request.name(), request.description(), rules, now);
    audit.record(access.actor(), "REGISTER_CREATED", provider, null, "register " + id);
    return get(id);
  }

  public Page<RegisterView> list(PageRequest page) {
    access.requireAuthenticated();
    Optional<String> provider = access.isAdmin() ? Optional.empty() : access.provider();
    if (!access.isAdmin() && provider.isEmpty()) {
      return new Page<>(List.of(), 0, page.offset(), page.limit());
    }
    String where = provider.isPresent() ? " WHERE provider_id = ?" : "";
    List<RegisterView> views = new ArrayList<>();
    long total;
    try (Connection connection = dataSource.getConnection()) {
      total = RegisterSql.count(connection, "SELECT count(*) FROM register" + where, provider);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT "
                  + COLUMNS
                  + " FROM register"
                  + where
                  + " ORDER BY id OFFSET "
                  + page.offset()
                  + " LIMIT "
                  + page.limit())) {
        if (provider.isPresent()) {
          select.setString(1, provider.get());
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            views.add(view(rs));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Listing registers failed", e);
    }
    return new Page<>(views, total, page.offset(), page.limit());
  }

  /** A register the caller may see, with its periods (404 for others, as for datasets). */
  public RegisterView get(long id) {
    access.requireAuthenticated();
    try (Connection connection = dataSource.getConnection()) {
      RegisterView view = find(connection, id, false).orElseThrow(() -> notFound(id));
      return withPeriods(connection, view);
    } catch (SQLException e) {
      throw new IllegalStateException("Reading register " + id + " failed", e);
    }
  }

  /** Sets the rules of the register's next tabulations: a publisher's decision, audited. */
  @Transactional
  public RegisterView setRules(long id, DisclosureRules rules) {
    access.requireAuthenticated();
    String provider = lock(id);
    access.require(Role.PUBLISHER, provider);
    RegisterSql.updateRules(dataSource, id, rules, OffsetDateTime.now(clock));
    audit.record(
        access.actor(), "REGISTER_RULES_CHANGED", provider, null, "register " + id + ": " + rules);
    return get(id);
  }

  /**
   * The register's provider, its row locked for the caller's transaction (writers of one register
   * are serialised), once the caller may see it.
   */
  String lock(long id) {
    return provider(id, true);
  }

  /** The register's provider, once the caller may see it. */
  String provider(long id) {
    return provider(id, false);
  }

  private String provider(long id, boolean forUpdate) {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, id, forUpdate).orElseThrow(() -> notFound(id)).providerId();
    } catch (SQLException e) {
      throw new IllegalStateException("Reading register " + id + " failed", e);
    }
  }

  private Optional<RegisterView> find(Connection connection, long id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM register WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        RegisterView view = view(rs);
        return access.canSeeUnreleased(view.providerId()) ? Optional.of(view) : Optional.empty();
      }
    }
  }

  private static RegisterView withPeriods(Connection connection, RegisterView view)
      throws SQLException {
    List<PeriodView> periods = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT time_period, count(*), count(*) FILTER (WHERE status = 'ACTIVE'), count(*)"
                + " FILTER (WHERE status = 'DORMANT'), count(*) FILTER (WHERE status ="
                + " 'DISSOLVED') FROM register_unit WHERE register_id = ? GROUP BY time_period"
                + " ORDER BY time_period")) {
      select.setLong(1, view.id());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          periods.add(
              new PeriodView(
                  rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
      }
    }
    return new RegisterView(
        view.id(),
        view.providerId(),
        view.name(),
        view.description(),
        view.disclosure(),
        view.createdAt(),
        view.updatedAt(),
        periods);
  }

  private static RegisterView view(ResultSet rs) throws SQLException {
    return new RegisterView(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        new DisclosureRules(
            rs.getInt(5),
            rs.getInt(6),
            rs.getDouble(7),
            rs.getDouble(8),
            rs.getDouble(9),
            rs.getBoolean(10)),
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, OffsetDateTime.class),
        null);
  }

  static ProblemException notFound(long id) {
    return ProblemException.notFound("There is no register " + id + ".");
  }
}
