package org.coopstats.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coopstats.common.PageRequest;
import org.coopstats.dataset.DatasetViews.DatasetSummary;

/**
 * Queries on datasets, including those that look into their observations, and the SQL of the
 * publishing lifecycle. A draft value is a row of {@code observation_draft}; a row of {@code
 * observation} is a value published from {@code valid_from} until {@code valid_to} (null: still
 * current).
 */
@ApplicationScoped
public class DatasetRepository {

  private static final String SAME_KEY =
      "d.ref_area = c.ref_area AND d.measure = c.measure AND d.coop_type = c.coop_type AND"
          + " d.coop_level = c.coop_level AND d.activity = c.activity AND d.sex = c.sex AND"
          + " d.member_kind = c.member_kind AND d.work_cat = c.work_cat AND d.time_period ="
          + " c.time_period";
  private static final String SAME_VALUE =
      "d.obs_value IS NOT DISTINCT FROM c.obs_value AND d.obs_status = c.obs_status AND"
          + " d.conf_status = c.conf_status AND d.unit_measure = c.unit_measure AND d.unit_mult ="
          + " c.unit_mult AND d.comment_obs IS NOT DISTINCT FROM c.comment_obs";
  private static final String DRAFT = "d.dataset_id = :id";
  private static final String DRAFT_COLUMNS =
      "ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period,"
          + " obs_value, obs_status, conf_status, unit_measure, unit_mult, comment_obs";
  private static final String OPEN =
      "c.dataset_id = :id AND c.valid_from IS NOT NULL AND c.valid_to IS NULL";

  private final EntityManager em;
  private final Event<DataChangeRecorded> changes;

  public DatasetRepository(EntityManager em, Event<DataChangeRecorded> changes) {
    this.em = em;
    this.changes = changes;
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
      where.append(
          " AND (EXISTS (SELECT 1 FROM observation o WHERE o.dataset_id = d.id"
              + " AND o.ref_area = ANY(CAST(:areas AS text[]))"
              + " AND o.valid_from <= :areaNow AND (o.valid_to IS NULL OR o.valid_to > :areaNow))"
              + " OR ((:allDrafts OR d.provider_id = ANY(CAST(:draftProviders AS text[])))"
              + " AND EXISTS (SELECT 1 FROM observation_draft o WHERE o.dataset_id = d.id"
              + " AND o.ref_area = ANY(CAST(:areas AS text[])))))");
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

  /** What the dataset holds at {@code now}; with the draft count when {@code withDraft}. */
  public DatasetSummary summary(long datasetId, OffsetDateTime now, boolean withDraft) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT count(*), array_agg(DISTINCT ref_area), array_agg(DISTINCT measure),"
                        + " min(time_period), max(time_period) FROM observation WHERE dataset_id ="
                        + " :id AND valid_from <= :now AND (valid_to IS NULL OR valid_to > :now)")
                .setParameter("id", datasetId)
                .setParameter("now", now)
                .getSingleResult();
    Long drafts = withDraft ? draftCount(datasetId) : null;
    Long warnings =
        withDraft
            ? ((Number)
                    em.createNativeQuery(
                            "SELECT coalesce(sum(warning_count), 0) FROM submission WHERE"
                                + " dataset_id = :id")
                        .setParameter("id", datasetId)
                        .getSingleResult())
                .longValue()
            : null;
    return new DatasetSummary(
        ((Number) row[0]).longValue(),
        drafts,
        warnings,
        texts(row[1]),
        texts(row[2]),
        (String) row[3],
        (String) row[4]);
  }

  public long draftCount(long datasetId) {
    return ((Number)
            em.createNativeQuery("SELECT count(*) FROM observation_draft WHERE dataset_id = :id")
                .setParameter("id", datasetId)
                .getSingleResult())
        .longValue();
  }

  /**
   * Releases the draft as version {@code version} at {@code releaseAt}: values that change or go
   * are closed at that moment, new and changed values open then, unchanged values stay as they
   * were. Returns {opened, closed}.
   */
  public long[] release(Dataset dataset, int version, OffsetDateTime releaseAt) {
    // Every upload records its periods before storing rows; were one missing, the NOT NULL dates
    // of observation would refuse the release rather than a join dropping the row.
    long closed = 0;
    if (dataset.draftReplaces) {
      closed +=
          update(
              "UPDATE observation c SET valid_to = :at WHERE "
                  + OPEN
                  + " AND NOT EXISTS (SELECT 1 FROM observation_draft d WHERE "
                  + DRAFT
                  + " AND "
                  + SAME_KEY
                  + ")",
              dataset.id,
              releaseAt);
    }
    update(
        "DELETE FROM observation_draft d USING observation c WHERE "
            + DRAFT
            + " AND NOT d.deleted AND "
            + OPEN
            + " AND "
            + SAME_KEY
            + " AND "
            + SAME_VALUE,
        dataset.id,
        null);
    closed +=
        update(
            "UPDATE observation c SET valid_to = :at FROM observation_draft d WHERE "
                + OPEN
                + " AND "
                + DRAFT
                + " AND "
                + SAME_KEY,
            dataset.id,
            releaseAt);
    long opened =
        em.createNativeQuery(
                "INSERT INTO observation (dataset_id, "
                    + DRAFT_COLUMNS
                    + ", period_start, period_end, valid_from, version) SELECT dataset_id, "
                    + DRAFT_COLUMNS
                    + ", period_start, period_end, :at, :version FROM observation_draft d"
                    + " LEFT JOIN reference_period USING (time_period) WHERE "
                    + DRAFT
                    + " AND NOT d.deleted")
            .setParameter("at", releaseAt)
            .setParameter("version", version)
            .setParameter("id", dataset.id)
            .executeUpdate();
    update("DELETE FROM observation_draft d WHERE " + DRAFT, dataset.id, null);
    return new long[] {opened, closed};
  }

  /** Closes every current value of the dataset at {@code at}; returns how many. */
  public long closeAll(long datasetId, OffsetDateTime at) {
    return update("UPDATE observation c SET valid_to = :at WHERE " + OPEN, datasetId, at);
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
    em.createNativeQuery("DELETE FROM observation_draft WHERE dataset_id = :id")
        .setParameter("id", dataset.id)
        .executeUpdate();
    em.remove(dataset);
  }

  private long update(String sql, long datasetId, OffsetDateTime at) {
    Query query = em.createNativeQuery(sql).setParameter("id", datasetId);
    if (at != null) {
      query.setParameter("at", at);
    }
    return query.executeUpdate();
  }

  private static List<String> texts(Object array) {
    if (array == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    if (array instanceof Object[] objects) {
      Arrays.stream(objects).filter(v -> v != null).forEach(v -> values.add(v.toString()));
    } else if (array instanceof java.sql.Array sql) {
      try {
        for (Object v : (Object[]) sql.getArray()) {
          if (v != null) {
            values.add(v.toString());
          }
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }
}
