package org.coopstats.tabulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.disclosure.Protection;
import org.coopstats.disclosure.ProtectionProblem;
import org.coopstats.disclosure.ProtectionResult;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.coopstats.upload.GeneratedRows;
import org.coopstats.upload.RowSource;
import org.coopstats.upload.UploadProgress;
import org.coopstats.validation.TimePeriod;
import org.coopstats.validation.ValidationIssue;

/**
 * A register's tabulation as the rows of an upload: the units of one period are tallied into the
 * core COOP_STATS tables, every cell is protected (primary rules, secondary suppression, the LP
 * audit), the tabulation is recorded with the units it read, and the cells go into the dataset's
 * draft by the path every upload takes (R01–R10, all or nothing). A cell the audit cannot protect
 * fails the tabulation with an error naming it; nothing of a unit appears in any message.
 */
@ApplicationScoped
public class RegisterTabulation implements GeneratedRows {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(RegisterTabulation.class);

  private final DataSource dataSource;
  private final CatalogService catalog;
  private final Access access;
  private final ObjectMapper json;
  private final Clock clock;

  public RegisterTabulation(
      DataSource dataSource,
      CatalogService catalog,
      Access access,
      ObjectMapper json,
      Clock clock) {
    this.dataSource = dataSource;
    this.catalog = catalog;
    this.access = access;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public RowSource open(long datasetId, InputStream request, UploadProgress progress) {
    TabulationRequest asked;
    try {
      asked = json.readValue(request, TabulationRequest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the tabulation's request failed", e);
    }
    // All of it runs now, before the upload opens its COPY into the draft on the transaction's one
    // connection (a query there while the COPY is open would wait for ever); the rows are small.
    List<ValidationIssue> faults = new ArrayList<>();
    DerivedRows[] made = new DerivedRows[1];
    List<String> gone = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      made[0] =
          new Run(datasetId, asked, progress, new TabulationSql(connection)).make(faults, gone);
    } catch (SQLException e) {
      throw new IllegalStateException("Tabulating the register failed", e);
    }
    return (sink, issues) -> {
      faults.forEach(issues);
      if (made[0] != null) {
        made[0].emit(sink, gone);
      }
    };
  }

  /** One tabulation, step by step. */
  private final class Run {
    private final long datasetId;
    private final TabulationRequest asked;
    private final UploadProgress progress;
    private final TabulationSql sql;
    private final DataStructure structure = catalog.catalog().structure("COOP_STATS").orElseThrow();
    private final SeriesKeys keys = SeriesKeys.of(structure);

    Run(long datasetId, TabulationRequest asked, UploadProgress progress, TabulationSql sql) {
      this.datasetId = datasetId;
      this.asked = asked;
      this.progress = progress;
      this.sql = sql;
    }

    /** The rows to write (null when the audit failed: then faults names the cells), and gone. */
    DerivedRows make(List<ValidationIssue> faults, List<String> gone) throws SQLException {
      long started = System.nanoTime();
      TabulationSql.RegisterRow register = requireRegister();
      TabulationSql.DatasetRow dataset = requireDataset(register);
      TimePeriod period = TimePeriod.parse(asked.period()).orElseThrow();
      progress.phase("reading the register");
      CellPlan plan = new CellPlan(tables(register, period), keys);
      Optional<TabulationSql.Baseline> baseline =
          sql.baseline(register.id(), dataset, period.text());
      int keep = Math.max(2, register.settings().dominanceN());
      TabulationRun run = new TabulationRun(plan, progress, keep);
      TabulationRun.Tallies tallies =
          run.tally(
              sql, register.id(), period.text(), baseline.map(b -> b.tabulationId()).orElse(-1L));
      if (tallies.unitCount() == 0) {
        throw ProblemException.badRequest(
            "Register " + register.id() + " holds no units for " + period.text() + ".");
      }
      long tallied = System.nanoTime();
      progress.phase("protecting " + plan.cells().size() + " cells");
      ProtectionProblem problem = run.problem(tallies, baseline, register.settings());
      ProtectionResult protection = Protection.protect(problem);
      long protectedAt = System.nanoTime();
      if (!protection.failures().isEmpty()) {
        protection.failures().forEach(f -> faults.add(TabulationIssues.unprotected(f, period)));
        return null;
      }
      DerivedRows rows = new DerivedRows(plan, tallies.units(), protection, period, keys);
      Map<String, Long> timings = new LinkedHashMap<>();
      timings.put("tallyMs", (tallied - started) / 1_000_000);
      timings.put("protectMs", (protectedAt - tallied) / 1_000_000);
      record(register, dataset, period, tallies, protection, rows, baseline, timings);
      progress.phase("checking the derived cells");
      gone.addAll(TabulationRun.gone(plan, baseline));
      LOG.infof(
          "Tabulated register %d, %s: %d units into %d cells (%d primary, %d secondary) %s",
          register.id(),
          period.text(),
          tallies.unitCount(),
          plan.cells().size(),
          protection.primary(),
          protection.secondary(),
          timings);
      return rows;
    }

    private TabulationSql.RegisterRow requireRegister() throws SQLException {
      TabulationSql.RegisterRow register =
          sql.lockRegister(asked.registerId())
              .filter(r -> access.canSeeUnreleased(r.providerId()))
              .orElseThrow(
                  () ->
                      ProblemException.notFound(
                          "There is no register " + asked.registerId() + "."));
      access.require(Role.SUBMITTER, register.providerId());
      return register;
    }

    private TabulationSql.DatasetRow requireDataset(TabulationSql.RegisterRow register)
        throws SQLException {
      TabulationSql.DatasetRow dataset = sql.dataset(datasetId).orElseThrow();
      if (!dataset.providerId().equals(register.providerId())
          || !"COOP_STATS".equals(dataset.structureId())) {
        throw ProblemException.conflict(
            "Dataset "
                + datasetId
                + " is not a COOP_STATS dataset of provider "
                + register.providerId()
                + ": tabulate a register into a COOP_STATS dataset of its own provider.");
      }
      return dataset;
    }

    private List<TableShape> tables(TabulationSql.RegisterRow register, TimePeriod period)
        throws SQLException {
      Map<String, String> countryOfArea = countryOfArea();
      CoopTables.Facts facts =
          RegisterFacts.of(
              period,
              sql.currenciesByArea(register.id(), period.text()),
              sql.columnsGiven(register.id(), period.text()),
              countryOfArea);
      return new CoopTables(structure, facts, countryOfArea).tables();
    }

    /** Each area's country: itself for a country, its parent for a region (CL_AREA's links). */
    private Map<String, String> countryOfArea() {
      Map<String, String> countries = new LinkedHashMap<>();
      structure
          .codeList(structure.dimension("REF_AREA").orElseThrow().codeListId())
          .codes()
          .forEach(
              code -> {
                String parent = code.parentId();
                boolean country = parent == null || DataStructure.TOTAL.equals(parent);
                countries.put(code.id(), country ? code.id() : parent);
              });
      return countries;
    }

    private void record(
        TabulationSql.RegisterRow register,
        TabulationSql.DatasetRow dataset,
        TimePeriod period,
        TabulationRun.Tallies tallies,
        ProtectionResult protection,
        DerivedRows rows,
        Optional<TabulationSql.Baseline> baseline,
        Map<String, Long> timings)
        throws SQLException {
      String summary =
          TabulationSummary.json(
              json,
              rows,
              protection,
              tallies.unitCount(),
              baseline.map(b -> b.tabulationId()),
              timings);
      long id =
          sql.recordTabulation(
              new TabulationRecord(
                  register.id(),
                  dataset.id(),
                  period.text(),
                  dataset.version(),
                  access.actor(),
                  OffsetDateTime.now(clock),
                  tallies.unitCount(),
                  rows.published().size(),
                  protection.primary(),
                  protection.secondary(),
                  summary));
      List<String> keys = new ArrayList<>();
      List<String> values = new ArrayList<>();
      List<String> statuses = new ArrayList<>();
      rows.published()
          .forEach(
              cell -> {
                keys.add(cell.key());
                values.add(cell.value());
                statuses.add(cell.confStatus());
              });
      sql.recordCells(id, keys, values, statuses);
    }
  }
}
