package org.coopstats.tabulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetService;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.coopstats.tabulation.TabulationViews.TabulateRequest;
import org.coopstats.tabulation.TabulationViews.TabulationView;
import org.coopstats.upload.UploadCommand;
import org.coopstats.upload.UploadJobService;
import org.coopstats.upload.UploadService;
import org.coopstats.validation.TimePeriod;

/**
 * Starts tabulations as upload jobs (the rows are made by {@link RegisterTabulation}) and lists the
 * tabulations of a register. The checks here are those a caller can fix before the job runs; the
 * job checks the rights again, as its submitter.
 */
@ApplicationScoped
public class TabulationService {

  private final DataSource dataSource;
  private final Access access;
  private final DatasetService datasets;
  private final UploadJobService jobs;
  private final ObjectMapper json;

  public TabulationService(
      DataSource dataSource,
      Access access,
      DatasetService datasets,
      UploadJobService jobs,
      ObjectMapper json) {
    this.dataSource = dataSource;
    this.access = access;
    this.datasets = datasets;
    this.jobs = jobs;
    this.json = json;
  }

  public UploadJobService.JobView tabulate(long registerId, TabulateRequest request) {
    access.requireAuthenticated();
    String provider = requireRegister(registerId);
    access.require(Role.SUBMITTER, provider);
    TimePeriod period =
        TimePeriod.parse(request.period())
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "period '" + request.period() + "' is not " + TimePeriod.FORMATS + "."));
    Dataset dataset = datasets.requireVisible(request.datasetId());
    if (!provider.equals(dataset.providerId) || !"COOP_STATS".equals(dataset.structureId)) {
      throw ProblemException.conflict(
          "Dataset "
              + dataset.id
              + " is not a COOP_STATS dataset of provider "
              + provider
              + ": tabulate a register into a COOP_STATS dataset of its own provider.");
    }
    if (units(registerId, period.text()) == 0) {
      throw ProblemException.badRequest(
          "Register "
              + registerId
              + " holds no units for "
              + period.text()
              + ": upload them first (POST /api/v1/registers/"
              + registerId
              + "/units).");
    }
    byte[] body = body(new TabulationRequest(registerId, period.text()));
    return jobs.submit(
        UploadCommand.of(
                dataset.id, UploadService.Format.TABULATION, new ByteArrayInputStream(body))
            .withMode(UploadService.Mode.MERGE));
  }

  public Page<TabulationView> list(long registerId, PageRequest page) {
    access.requireAuthenticated();
    requireRegister(registerId);
    List<TabulationView> views = new ArrayList<>();
    long[] total = new long[1];
    query(
        "SELECT count(*) FROM register_tabulation WHERE register_id = ?",
        registerId,
        -1,
        rs -> total[0] = rs.getLong(1));
    query(
        "SELECT id, register_id, dataset_id, time_period, base_version, created_at, actor, units,"
            + " cells, primary_cells, secondary_cells, summary FROM register_tabulation WHERE"
            + " register_id = ? ORDER BY id DESC OFFSET "
            + page.offset()
            + " LIMIT "
            + page.limit(),
        registerId,
        -1,
        rs -> views.add(view(rs)));
    return new Page<>(views, total[0], page.offset(), page.limit());
  }

  public TabulationView get(long registerId, long tabulationId) {
    access.requireAuthenticated();
    requireRegister(registerId);
    List<TabulationView> views = new ArrayList<>();
    query(
        "SELECT id, register_id, dataset_id, time_period, base_version, created_at, actor, units,"
            + " cells, primary_cells, secondary_cells, summary FROM register_tabulation WHERE"
            + " register_id = ? AND id = ?",
        registerId,
        tabulationId,
        rs -> views.add(view(rs)));
    return views.stream()
        .findFirst()
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "Register " + registerId + " has no tabulation " + tabulationId + "."));
  }

  /** The register's provider, once the caller may see it (404 otherwise, as for datasets). */
  private String requireRegister(long registerId) {
    List<String> provider = new ArrayList<>();
    query(
        "SELECT provider_id FROM register WHERE id = ?",
        registerId,
        -1,
        rs -> provider.add(rs.getString(1)));
    return provider.stream()
        .filter(access::canSeeUnreleased)
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("There is no register " + registerId + "."));
  }

  private long units(long registerId, String period) {
    long[] count = new long[1];
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM register_unit WHERE register_id = ? AND time_period = ?")) {
      select.setLong(1, registerId);
      select.setString(2, period);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        count[0] = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Counting the register's units failed", e);
    }
    return count[0];
  }

  private TabulationView view(ResultSet rs) throws SQLException {
    try {
      return new TabulationView(
          rs.getLong(1),
          rs.getLong(2),
          rs.getLong(3),
          rs.getString(4),
          rs.getInt(5),
          rs.getObject(6, java.time.OffsetDateTime.class),
          rs.getString(7),
          rs.getLong(8),
          rs.getInt(9),
          rs.getInt(10),
          rs.getInt(11),
          json.readTree(rs.getString(12)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] body(TabulationRequest request) {
    try {
      return json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Rows {
    void each(ResultSet rs) throws SQLException;
  }

  /** Runs a query with one or two id parameters (the second -1: none), row by row. */
  private void query(String sql, long first, long second, Rows rows) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, first);
      if (second >= 0) {
        select.setLong(2, second);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.each(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the register's tabulations failed", e);
    }
  }
}
