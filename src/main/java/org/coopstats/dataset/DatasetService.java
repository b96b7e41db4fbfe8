package org.coopstats.dataset;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.audit.AuditService;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.DatasetViews.DatasetRequest;
import org.coopstats.dataset.DatasetViews.DatasetView;
import org.coopstats.dataset.DatasetViews.PendingRelease;
import org.coopstats.provider.Provider;
import org.coopstats.security.Access;
import org.coopstats.security.Role;

/**
 * Datasets and their lifecycle: a draft until published; published versions are never changed in
 * place (a revision is a new version); a release can be scheduled (embargo); a published dataset
 * can be withdrawn. Nothing unreleased is visible to those outside its provider.
 */
@ApplicationScoped
public class DatasetService {

  private final DatasetRepository datasets;
  private final CatalogService catalog;
  private final Access access;
  private final AuditService audit;
  private final Clock clock;

  public DatasetService(
      DatasetRepository datasets,
      CatalogService catalog,
      Access access,
      AuditService audit,
      Clock clock) {
    this.datasets = datasets;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  public Page<DatasetView> list(
      Set<String> providers, Set<String> areas, Set<String> statuses, PageRequest page) {
    for (String status : statuses) {
      if (!Set.of(Dataset.DRAFT, Dataset.PUBLISHED, Dataset.WITHDRAWN).contains(status)) {
        throw ProblemException.badRequest(
            "status '" + status + "' is unknown: use DRAFT, PUBLISHED or WITHDRAWN.");
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Map.Entry<List<Dataset>, Long> found =
        datasets.list(
            providers,
            areas,
            statuses,
            now,
            access.provider().map(Set::of).orElse(Set.of()),
            access.isAdmin(),
            page);
    List<DatasetView> items = found.getKey().stream().map(d -> view(d, now, false)).toList();
    return new Page<>(items, found.getValue(), page.offset(), page.limit());
  }

  public DatasetView get(long id) {
    return view(requireVisible(id), OffsetDateTime.now(clock), true);
  }

  /** The dataset if the caller may see it; otherwise 404, as if it did not exist. */
  public Dataset requireVisible(long id) {
    Dataset dataset = datasets.find(id).orElseThrow(() -> notFound(id));
    if (!dataset.isReleased(OffsetDateTime.now(clock))
        && !access.canSeeUnreleased(dataset.providerId)) {
      throw notFound(id);
    }
    return dataset;
  }

  @Transactional
  public DatasetView create(DatasetRequest request) {
    access.require(Role.SUBMITTER, request.providerId());
    if (Provider.findById(request.providerId()) == null) {
      throw ProblemException.badRequest(
          "providerId '"
              + request.providerId()
              + "' is not a registered provider. Register it with POST /api/v1/providers first.");
    }
    requireCode("sourceKind", "CL_SOURCE_KIND", request.sourceKind());
    requireCode("periodBasis", "CL_PERIOD_BASIS", request.periodBasis());
    OffsetDateTime now = OffsetDateTime.now(clock);
    Dataset dataset = new Dataset();
    dataset.providerId = request.providerId();
    dataset.structureId = structureOf(request);
    dataset.title = request.title();
    dataset.sourceKind = request.sourceKind();
    dataset.periodBasis = request.periodBasis();
    dataset.methodology = request.methodology();
    dataset.source = request.source();
    dataset.status = Dataset.DRAFT;
    dataset.createdAt = now;
    dataset.updatedAt = now;
    dataset.persist();
    audit.record(access.actor(), "DATASET_CREATED", dataset.providerId, dataset.id, dataset.title);
    return view(dataset, now, false);
  }

  @Transactional
  public void delete(long id) {
    Dataset dataset = lockVisible(id);
    OffsetDateTime now = OffsetDateTime.now(clock);
    access.require(dataset.version == 0 ? Role.SUBMITTER : Role.PUBLISHER, dataset.providerId);
    if (dataset.isReleased(now)) {
      throw ProblemException.conflict(
          "Dataset "
              + id
              + " has been released and cannot be deleted: published data stays on record."
              + " Withdraw it instead.");
    }
    audit.record(access.actor(), "DATASET_DELETED", dataset.providerId, id, dataset.title);
    datasets.delete(dataset);
  }

  /** Publishes the draft as a new version, now or at {@code releaseAt} (an embargo until then). */
  @Transactional
  @TransactionConfiguration(timeout = 3600) // a 1.5 M-row release took 72 s on the bench machine
  public DatasetView publish(long id, OffsetDateTime releaseAt) {
    Dataset dataset = lockVisible(id);
    access.require(Role.PUBLISHER, dataset.providerId);
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    if (releaseAt != null && releaseAt.isBefore(now.minusSeconds(1))) {
      throw ProblemException.badRequest(
          "releaseAt " + releaseAt + " is in the past: give a future time, or none for now.");
    }
    if (dataset.hasPendingRelease(now)) {
      throw ProblemException.conflict(
          "Version "
              + dataset.version
              + " of dataset "
              + id
              + " is scheduled for release at "
              + dataset.releasedAt
              + "; publish the next version after that.");
    }
    if (datasets.draftCount(dataset) == 0 && !dataset.draftReplaces) {
      throw ProblemException.conflict(
          "Dataset " + id + " has no draft observations: upload data before publishing.");
    }
    OffsetDateTime effective = releaseAt == null || releaseAt.isBefore(now) ? now : releaseAt;
    boolean keepPublicState = effective.isAfter(now) && dataset.isReleased(now);
    dataset.publicReleasedAt = keepPublicState ? dataset.releasedAt : null;
    dataset.publicStatus = keepPublicState ? dataset.status : null;
    dataset.publicWithdrawnAt = keepPublicState ? dataset.withdrawnAt : null;
    dataset.publicWithdrawalReason = keepPublicState ? dataset.withdrawalReason : null;
    int version = dataset.version + 1;
    long[] changed = datasets.release(dataset, version, effective);
    dataset.version = version;
    dataset.releasedAt = effective;
    if (dataset.firstReleasedAt == null) {
      dataset.firstReleasedAt = effective;
    }
    dataset.status = Dataset.PUBLISHED;
    dataset.publishedAt = now;
    dataset.withdrawnAt = null;
    dataset.withdrawalReason = null;
    dataset.draftReplaces = false;
    dataset.updatedAt = now;
    datasets.recordChange(dataset, "PUBLISH", effective, now);
    audit.record(
        access.actor(),
        effective.isAfter(now) ? "RELEASE_SCHEDULED" : "PUBLISHED",
        dataset.providerId,
        id,
        "version "
            + version
            + " released "
            + effective
            + ": "
            + changed[0]
            + " values opened, "
            + changed[1]
            + " closed");
    return view(dataset, now, true);
  }

  /** Stops serving a published dataset's values; its history keeps them. */
  @Transactional
  public DatasetView withdraw(long id, String reason) {
    Dataset dataset = lockVisible(id);
    access.require(Role.PUBLISHER, dataset.providerId);
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    if (!Dataset.PUBLISHED.equals(dataset.status) || !dataset.isReleased(now)) {
      throw ProblemException.conflict(
          "Dataset " + id + " is not published, so there is nothing to withdraw.");
    }
    if (dataset.hasPendingRelease(now)) {
      throw ProblemException.conflict(
          "Version "
              + dataset.version
              + " is scheduled for release at "
              + dataset.releasedAt
              + "; withdraw after it is out.");
    }
    long closed = datasets.closeAll(dataset, now);
    dataset.status = Dataset.WITHDRAWN;
    dataset.withdrawnAt = now;
    dataset.withdrawalReason = reason;
    dataset.updatedAt = now;
    datasets.recordChange(dataset, "WITHDRAW", now, now);
    audit.record(
        access.actor(), "WITHDRAWN", dataset.providerId, id, closed + " values; " + reason);
    return view(dataset, now, true);
  }

  private Dataset lockVisible(long id) {
    access.requireAuthenticated();
    requireVisible(id);
    return datasets.findForUpdate(id).orElseThrow(() -> notFound(id));
  }

  private DatasetView view(Dataset d, OffsetDateTime now, boolean withSummary) {
    boolean insider = access.canSeeUnreleased(d.providerId);
    boolean pending = d.hasPendingRelease(now);
    // Until a scheduled revision is out, everyone sees the version out now as it was before the
    // scheduling (its release time, status, withdrawal); the provider also sees what is to come.
    boolean revisionPending = pending && d.publicStatus != null;
    int releasedVersion = pending ? d.version - 1 : d.version;
    OffsetDateTime releasedAt =
        revisionPending ? d.publicReleasedAt : pending ? null : d.releasedAt;
    String status = revisionPending ? d.publicStatus : insider ? d.statusAt(now) : d.status;
    return new DatasetView(
        d.id,
        d.providerId,
        d.structureId,
        d.title,
        d.sourceKind,
        d.periodBasis,
        d.methodology,
        d.source,
        status,
        releasedVersion,
        releasedAt,
        insider && pending ? new PendingRelease(d.version, d.releasedAt) : null,
        revisionPending ? d.publicWithdrawnAt : d.withdrawnAt,
        revisionPending ? d.publicWithdrawalReason : d.withdrawalReason,
        d.createdAt,
        insider ? d.updatedAt : null,
        withSummary ? datasets.summary(d, now, insider) : null);
  }

  /** The structure a new dataset's values follow: COOP_STATS unless the request names another. */
  private String structureOf(DatasetRequest request) {
    String id = request.structure() == null ? CatalogService.COOP_STATS : request.structure();
    if (catalog.catalog().structure(id).filter(s -> !s.derived()).isEmpty()) {
      throw ProblemException.badRequest(
          "structure '"
              + id
              + "' is not a data structure that takes uploads; use one of "
              + String.join(
                  ", ",
                  catalog.catalog().structures().values().stream()
                      .filter(s -> !s.derived())
                      .map(DataStructure::id)
                      .toList())
              + " (GET /api/v1/structures).");
    }
    return id;
  }

  private void requireCode(String field, String codeListId, String code) {
    CodeList list = catalog.catalog().codeList(codeListId).orElseThrow();
    if (!list.contains(code)) {
      throw ProblemException.badRequest(
          field
              + " '"
              + code
              + "' is not a code of "
              + codeListId
              + ": use one of "
              + String.join(", ", list.codesById().keySet())
              + ".");
    }
  }

  static ProblemException notFound(long id) {
    return ProblemException.notFound("There is no dataset " + id + ".");
  }
}
