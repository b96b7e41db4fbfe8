package org.coopstats.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.CodeList;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.DatasetViews.DatasetRequest;
import org.coopstats.dataset.DatasetViews.DatasetView;
import org.coopstats.provider.Provider;

@ApplicationScoped
public class DatasetService {

  private final DatasetRepository datasets;
  private final CatalogService catalog;

  public DatasetService(DatasetRepository datasets, CatalogService catalog) {
    this.datasets = datasets;
    this.catalog = catalog;
  }

  public Page<DatasetView> list(
      Set<String> providers, Set<String> areas, Set<String> statuses, PageRequest page) {
    for (String status : statuses) {
      if (!Set.of(Dataset.DRAFT, Dataset.PUBLISHED).contains(status)) {
        throw ProblemException.badRequest(
            "status '" + status + "' is unknown: use DRAFT or PUBLISHED.");
      }
    }
    Map.Entry<List<Dataset>, Long> found = datasets.list(providers, areas, statuses, page);
    List<DatasetView> items = found.getKey().stream().map(d -> DatasetView.of(d, null)).toList();
    return new Page<>(items, found.getValue(), page.offset(), page.limit());
  }

  public DatasetView get(long id) {
    Dataset dataset = datasets.find(id).orElseThrow(() -> notFound(id));
    return DatasetView.of(dataset, datasets.summary(id));
  }

  /** The dataset, or a 404 problem. */
  public Dataset require(long id) {
    return datasets.find(id).orElseThrow(() -> notFound(id));
  }

  @Transactional
  public DatasetView create(DatasetRequest request) {
    if (Provider.findById(request.providerId()) == null) {
      throw ProblemException.badRequest(
          "providerId '"
              + request.providerId()
              + "' is not a registered provider. Register it with POST /api/v1/providers first.");
    }
    requireCode("sourceKind", "CL_SOURCE_KIND", request.sourceKind());
    requireCode("periodBasis", "CL_PERIOD_BASIS", request.periodBasis());
    OffsetDateTime now = OffsetDateTime.now();
    Dataset dataset = new Dataset();
    dataset.providerId = request.providerId();
    dataset.structureId = CatalogService.COOP_STATS;
    dataset.title = request.title();
    dataset.sourceKind = request.sourceKind();
    dataset.periodBasis = request.periodBasis();
    dataset.methodology = request.methodology();
    dataset.status = Dataset.DRAFT;
    dataset.createdAt = now;
    dataset.updatedAt = now;
    dataset.persist();
    return DatasetView.of(dataset, null);
  }

  @Transactional
  public void delete(long id) {
    Dataset dataset = datasets.findForUpdate(id).orElseThrow(() -> notFound(id));
    if (dataset.isPublished()) {
      throw ProblemException.conflict(
          "Dataset " + id + " is published and cannot be deleted: published data stays on record.");
    }
    datasets.delete(dataset);
  }

  @Transactional
  public DatasetView publish(long id) {
    Dataset dataset = datasets.findForUpdate(id).orElseThrow(() -> notFound(id));
    if (dataset.isPublished()) {
      throw ProblemException.conflict("Dataset " + id + " is already published.");
    }
    var summary = datasets.summary(id);
    if (summary.observations() == 0) {
      throw ProblemException.conflict(
          "Dataset " + id + " has no observations: upload data before publishing it.");
    }
    OffsetDateTime now = OffsetDateTime.now();
    dataset.status = Dataset.PUBLISHED;
    dataset.publishedAt = now;
    dataset.updatedAt = now;
    return DatasetView.of(dataset, summary);
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
