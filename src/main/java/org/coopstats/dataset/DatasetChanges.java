package org.coopstats.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.observation.DraftChanges;
import org.coopstats.observation.DraftChanges.Change;
import org.coopstats.observation.DraftChanges.Values;
import org.coopstats.security.Access;

/**
 * What publishing a dataset's draft would change (the review before a release): only its provider's
 * users see it, as they alone see the draft.
 */
@ApplicationScoped
public class DatasetChanges {

  /** A page of changes with how many there are of each kind, and whether the draft replaces. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChangesView(
      long datasetId,
      boolean replaces,
      Map<String, Long> summary,
      List<Map<String, Object>> items,
      long total,
      int offset,
      int limit,
      String next) {

    public ChangesView withNext(String href) {
      return new ChangesView(datasetId, replaces, summary, items, total, offset, limit, href);
    }
  }

  private final DatasetService datasets;
  private final CatalogService catalog;
  private final DraftChanges changes;
  private final Access access;

  public DatasetChanges(
      DatasetService datasets, CatalogService catalog, DraftChanges changes, Access access) {
    this.datasets = datasets;
    this.catalog = catalog;
    this.changes = changes;
    this.access = access;
  }

  /**
   * @param kinds the kinds of change to list (upper or lower case); none: every kind but UNCHANGED
   */
  @Transactional
  public ChangesView of(long id, Set<String> kinds, PageRequest page) {
    access.requireAuthenticated();
    Dataset dataset = datasets.requireVisible(id);
    if (!access.canSeeUnreleased(dataset.providerId)) {
      throw ProblemException.forbidden(
          "The changes show dataset " + id + "'s draft: they need a user of its provider.");
    }
    List<String> wanted = kinds(kinds);
    DataStructure structure = catalog.catalog().structure(dataset.structureId).orElseThrow();
    Map<String, Long> counts = changes.counts(structure, id, dataset.draftReplaces);
    long total = wanted.stream().mapToLong(counts::get).sum();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Change change :
        changes.page(structure, id, dataset.draftReplaces, wanted, page.offset(), page.limit())) {
      items.add(item(structure, change));
    }
    return new ChangesView(
        id, dataset.draftReplaces, counts, items, total, page.offset(), page.limit(), null);
  }

  private static List<String> kinds(Set<String> asked) {
    if (asked.isEmpty()) {
      return List.of("ADDED", "CHANGED", "DELETED");
    }
    List<String> kinds = new ArrayList<>();
    for (String kind : asked) {
      String upper = kind.toUpperCase(Locale.ROOT);
      if (!DraftChanges.KINDS.contains(upper)) {
        throw ProblemException.badRequest(
            "change '"
                + kind
                + "' is unknown: use "
                + String.join(", ", DraftChanges.KINDS)
                + " (several allowed).");
      }
      kinds.add(upper);
    }
    return kinds;
  }

  /** A change as JSON: the key's dimensions by id, the period, then both sides. */
  private static Map<String, Object> item(DataStructure structure, Change change) {
    Map<String, Object> item = new LinkedHashMap<>();
    for (int i = 0; i < structure.seriesDimensions().size(); i++) {
      item.put(structure.seriesDimensions().get(i).id(), change.key().get(i));
    }
    item.put(structure.timeDimension().id(), change.timePeriod());
    item.put("change", change.change());
    item.put("published", side(structure, change.published()));
    item.put("draft", side(structure, change.draft()));
    return item;
  }

  private static Map<String, Object> side(DataStructure structure, Values values) {
    if (values == null) {
      return null;
    }
    Map<String, Object> side = new LinkedHashMap<>();
    side.put("OBS_VALUE", values.value());
    List<AttributeDef> attributes = structure.attributes();
    for (int i = 0; i < attributes.size(); i++) {
      side.put(attributes.get(i).id(), values.attributes().get(i));
    }
    return side;
  }
}
