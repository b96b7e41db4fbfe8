package org.coopstats.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.PageRequest;
import org.coopstats.dataset.DatasetViews.DatasetSummary;
import org.coopstats.observation.ObservationLifecycle;
import org.coopstats.observation.ObservationSql;

/**
 * Queries on datasets, and the publishing lifecycle's steps on the dataset table. What looks into
 * the observation tables is {@link ObservationLifecycle}'s and {@link ObservationSql}'s, built from
 * the dataset's structure.
 */
@ApplicationScoped
public class DatasetRepository {

  private final EntityManager em;
  private final Event<DataChangeRecorded> changes;
  private final ObservationLifecycle observations;
  private final CatalogService catalog;

  public DatasetRepository(
      EntityManager em,
      Event<DataChangeRecorded> changes,
      ObservationLifecycle observations,
      CatalogService catalog) {
    this.em = em;
    this.changes = changes;
    this.observations = observations;
    this.catalog = catalog;
  }

  public Optional<Dataset> find(long id) {
    return Optional.ofNullable(em.find(Dataset.class, id));
  }

  /** The dataset, locked until the transaction ends: writers of one dataset go one at a time. */
  public Optional<Dataset> findForUpdate(long id) {
    return Optional.ofNullable(em.find(Dataset.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /**
   * Datasets matching the filters (empty sets match all), by id, and how many match. Only those
   * released by {@code now} count, except those of {@code unreleasedProviders} (all when {@code
   * allProviders}).
   */
  public Map.Entry<List<Dataset>, Long> list(
      Set<String> providers,
      Set<String> areas,
      Set<String> statuses,
      OffsetDateTime now,
      Set<String> unreleasedProviders,
      boolean allProviders,
      PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE true");
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (!allProviders) {
      where.append(
          " AND (d.first_released_at <= :now OR d.provider_id = ANY(CAST(:own AS text[])))");
      parameters.put("now", now);
      parameters.put("own", unreleasedProviders.toArray(String[]::new));
    }
    if (!providers.isEmpty()) {
      where.append(" AND d.provider_id = ANY(CAST(:providers AS text[]))");
      parameters.put("providers", providers.toArray(String[]::new));
    }
    if (!statuses.isEmpty()) {
      // the status as shown: that of the version out now while a revision is scheduled
      where.append(
          " AND (CASE WHEN d.public_status IS NOT NULL AND d.released_at > :statusNow"
              + " THEN d.public_status ELSE d.status END) = ANY(CAST(:statuses AS text[]))");
      parameters.put("statuses", statuses.toArray(String[]::new));
      parameters.put("statusNow", now);
    }
    if (!areas.isEmpty()) {
      where.append(inAreas(parameters));
      parameters.put("areas", areas.toArray(String[]::new));
      parameters.put("areaNow", now);
      parameters.put("allDrafts", allProviders);
      parameters.put("draftProviders", unreleasedProviders.toArray(String[]::new));
    }
    Query count = em.createNativeQuery("SELECT count(*) FROM dataset d" + where);
    Query select =
        em.createNativeQuery(
            "SELECT d.* FROM dataset d" + where + " ORDER BY d.id LIMIT :limit OFFSET :offset",
            Dataset.class);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          select.setParameter(name, value);
        });
    select.setParameter("limit", page.limit());
    select.setParameter("offset", page.offset());
    long total = ((Number) count.getSingleResult()).longValue();
    @SuppressWarnings("unchecked")
    List<Dataset> items = select.getResultList();
    return Map.entry(items, total);
  }

  /**
   * The condition that a dataset has a value in {@code :areas}, published or (for the providers the
   * caller may see unreleased data of) in its draft. Each structure keeps its values in tables of
   * its own: a dataset is looked for in its structure's.
   */
  private String inAreas(Map<String, Object> parameters) {
    List<String> inAreas = new ArrayList<>();
    for (DataStructure structure : catalog.catalog().structures().values()) {
      if (structure.derived() || structure.dimension(DataStructure.REF_AREA).isEmpty()) {
        continue;
      }
      ObservationSql observationSql = new ObservationSql(structure);
      String name = "structure" + inAreas.size();
      inAreas.add(
          "(d.structure_id = :"
              + name
              + " AND ("
              + observationSql.publishedInAreas("d.id")
              + " OR ((:allDrafts OR d.provider_id = ANY(CAST(:draftProviders AS text[])))"
              + " AND "
              + observationSql.draftInAreas("d.id")
              + ")))");
      parameters.put(name, structure.id());
    }
    return inAreas.isEmpty() ? " AND false" : " AND (" + String.join(" OR ", inAreas) + ")";
  }

  /** What the dataset holds at {@code now}; with the draft count when {@code withDraft}. */
  public DatasetSummary summary(Dataset dataset, OffsetDateTime now, boolean withDraft) {
    ObservationLifecycle.Holdings held = observations.holdings(structure(dataset), dataset.id, now);
    Long drafts = withDraft ? draftCount(dataset) : null;
    Long warnings =
        withDraft
            ? ((Number)
                    em.createNativeQuery(
                            "SELECT coalesce(sum(warning_count), 0) FROM submission WHERE"
                                + " dataset_id = :id")
                        .setParameter("id", dataset.id)
                        .getSingleResult())
                .longValue()
            : null;
    return new DatasetSummary(
        held.observations(),
        drafts,
        warnings,
        held.areas(),
        held.measures(),
        held.firstPeriod(),
        held.lastPeriod());
  }

  public long draftCount(Dataset dataset) {
    return observations.draftCount(structure(dataset), dataset.id);
  }

  /**
   * Releases the draft as version {@code version} at {@code releaseAt} (see {@link
   * ObservationLifecycle#release}). Returns {opened, closed}.
   */
  public long[] release(Dataset dataset, int version, OffsetDateTime releaseAt) {
    return observations.release(
        structure(dataset), dataset.id, dataset.draftReplaces, version, releaseAt);
  }

  /** Closes every current value of the dataset at {@code at}; returns how many. */
  public long closeAll(Dataset dataset, OffsetDateTime at) {
    return observations.closeAll(structure(dataset), dataset.id, at);
  }

  public void recordChange(
      Dataset dataset, String kind, OffsetDateTime effectiveAt, OffsetDateTime recordedAt) {
    em.createNativeQuery(
            "INSERT INTO data_change (dataset_id, provider_id, kind, version, effective_at,"
                + " created_at) VALUES (:id, :provider, :kind, :version, :at, :recorded)")
        .setParameter("recorded", recordedAt)
        .setParameter("id", dataset.id)
        .setParameter("provider", dataset.providerId)
        .setParameter("kind", kind)
        .setParameter("version", dataset.version)
        .setParameter("at", effectiveAt)
        .executeUpdate();
    changes.fire(new DataChangeRecorded(dataset.id));
  }

  public void delete(Dataset dataset) {
    observations.deleteDraft(structure(dataset), dataset.id);
    em.remove(dataset);
  }

  private DataStructure structure(Dataset dataset) {
    return catalog.catalog().structure(dataset.structureId).orElseThrow();
  }
}
