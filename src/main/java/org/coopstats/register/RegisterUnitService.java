package org.coopstats.register;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.coopstats.audit.AuditService;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.register.RegisterViews.UnitUploadResult;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.coopstats.upload.IssueCollector;
import org.coopstats.upload.OpenedSource;
import org.coopstats.upload.SizeLimitedInputStream;
import org.coopstats.upload.UploadLimits;
import org.coopstats.upload.UploadResults;
import org.coopstats.upload.UploadService;
import org.coopstats.validation.ValidationIssue;

/**
 * A register's unit records: uploaded by the provider's submitters through the upload readers (CSV,
 * JSON, Excel; streamed, size-limited), checked record by record and across records, and stored all
 * or nothing; read back only by the provider's submitters. Nothing of a record is logged, audited
 * or put in a message beyond its unit id, period and codes.
 */
@ApplicationScoped
public class RegisterUnitService {

  static final String UNIT_RECORDS = "A register's unit records";

  private final DataSource dataSource;
  private final Access access;
  private final RegisterService registers;
  private final CatalogService catalog;
  private final UploadLimits limits;
  private final AuditService audit;
  private final Clock clock;

  public RegisterUnitService(
      DataSource dataSource,
      Access access,
      RegisterService registers,
      CatalogService catalog,
      UploadLimits limits,
      AuditService audit,
      Clock clock) {
    this.dataSource = dataSource;
    this.access = access;
    this.registers = registers;
    this.catalog = catalog;
    this.limits = limits;
    this.audit = audit;
    this.clock = clock;
  }

  /** The upload's request: its body in a format, merging or replacing, or only checked. */
  public record UnitUpload(
      long registerId,
      UploadService.Format format,
      UploadService.Mode mode,
      boolean dryRun,
      InputStream body,
      long declaredLength) {}

  @Transactional
  @TransactionConfiguration(timeout = 3600)
  public UnitUploadResult upload(UnitUpload upload) {
    if (upload.declaredLength() > limits.maxBytes()) {
      throw SizeLimitedInputStream.tooLarge(limits.maxBytes());
    }
    access.requireAuthenticated();
    String provider = registers.lock(upload.registerId());
    access.requireOwn(Role.SUBMITTER, provider, UNIT_RECORDS);
    IssueCollector issues = new IssueCollector(limits.maxErrors());
    InputStream body = new SizeLimitedInputStream(upload.body(), limits.maxBytes());
    boolean byIndex = upload.format() == UploadService.Format.JSON;
    try (OpenedSource source = OpenedSource.open(upload.format(), body, limits);
        Connection connection = dataSource.getConnection();
        UnitStaging staging = UnitStaging.open(connection, byIndex)) {
      UnitReader reader = new UnitReader(checks(), staging, issues, limits.maxRows());
      source.rows().read(reader, issues);
      staging.finish();
      if (reader.rowsRead() == 0 && issues.errors() == 0) {
        issues.accept(
            ValidationIssue.error(null, null, null, "FORMAT", "The upload holds no unit records."));
      }
      staging.duplicates(issues);
      IssueCollector.Findings findings = issues.findings(reader.rowsRead());
      if (upload.dryRun()) {
        QuarkusTransaction.setRollbackOnly();
        return result(upload, findings, new UnitStaging.Change(0, 0, 0, 0, List.of()));
      }
      if (findings.errors() > 0) {
        throw UploadResults.rejected(findings);
      }
      UnitStaging.Change change =
          staging.store(upload.registerId(), upload.mode() == UploadService.Mode.REPLACE);
      RegisterSql.touch(connection, upload.registerId(), OffsetDateTime.now(clock));
      UnitUploadResult result = result(upload, findings, change);
      audit.record(access.actor(), "REGISTER_UNITS_UPLOADED", provider, null, auditDetail(result));
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("Storing the unit records failed", e);
    }
  }

  /** A page of the register's records of a period, as uploaded; the provider's submitters only. */
  public Page<Map<String, Object>> read(
      long registerId, String period, String unitId, PageRequest page) {
    access.requireAuthenticated();
    String provider = registers.provider(registerId);
    access.requireOwn(Role.SUBMITTER, provider, UNIT_RECORDS);
    try (Connection connection = dataSource.getConnection()) {
      return UnitRecords.page(connection, registerId, period, unitId, page);
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the unit records failed", e);
    }
  }

  /** The checks, with the codes a unit can have: those of COOP_STATS's code lists, totals not. */
  private UnitChecks checks() {
    DataStructure structure = catalog.coopStats();
    Map<String, UnitChecks.AllowedCodes> codes = new HashMap<>();
    for (String column : UnitColumns.CODED) {
      CodeList list = structure.codeList(structure.dimension(column).orElseThrow().codeListId());
      codes.put(column, new UnitChecks.AllowedCodes(list.id(), unitCodes(list, column)));
    }
    CodeList currencies = catalog.catalog().codeList("CL_CURRENCY").orElseThrow();
    Set<String> currencyCodes = new HashSet<>();
    currencies.codes().forEach(c -> currencyCodes.add(c.id()));
    return new UnitChecks(codes, new UnitChecks.AllowedCodes(currencies.id(), currencyCodes));
  }

  /**
   * A unit's codes: not a total or "not applicable"; and, but for areas (a unit coded to a country
   * only is kept apart from its regions by the tabulation), a code without children.
   */
  private static Set<String> unitCodes(CodeList list, String column) {
    Set<String> parents = new HashSet<>();
    list.codes().forEach(c -> parents.add(c.parentId()));
    Set<String> codes = new HashSet<>();
    for (Code code : list.codes()) {
      boolean aggregate =
          code.id().equals(DataStructure.TOTAL)
              || code.id().equals(DataStructure.NOT_APPLICABLE)
              || (!column.equals(UnitColumns.REF_AREA) && parents.contains(code.id()));
      if (!aggregate) {
        codes.add(code.id());
      }
    }
    return codes;
  }

  private static UnitUploadResult result(
      UnitUpload upload, IssueCollector.Findings findings, UnitStaging.Change change) {
    return new UnitUploadResult(
        upload.registerId(),
        upload.mode().name().toLowerCase(Locale.ROOT),
        upload.dryRun(),
        findings.rowsRead(),
        change.inserted(),
        change.updated(),
        change.unchanged(),
        change.deleted(),
        findings.errors(),
        findings.warnings(),
        change.periods(),
        findings.shown());
  }

  /** Counts only: the audit's text is readable by admins, who never read unit records. */
  private static String auditDetail(UnitUploadResult result) {
    return "register "
        + result.registerId()
        + ", "
        + result.mode()
        + ": "
        + result.rowsRead()
        + " records, "
        + result.inserted()
        + " added, "
        + result.updated()
        + " updated, "
        + result.deleted()
        + " removed, periods "
        + String.join(" ", result.periods());
  }
}
