package org.coopstats.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coopstats.common.PageRequest;
import org.coopstats.dataset.DatasetViews.DatasetSummary;

/** Queries on datasets, including those that look into their observations. */
@ApplicationScoped
public class DatasetRepository {

  private final EntityManager em;

  public DatasetRepository(EntityManager em) {
    this.em = em;
  }

  public Optional<Dataset> find(long id) {
    return Optional.ofNullable(em.find(Dataset.class, id));
  }

  /** The dataset, locked until the transaction ends: writers of one dataset go one at a time. */
  public Optional<Dataset> findForUpdate(long id) {
    return Optional.ofNullable(em.find(Dataset.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Datasets matching the filters (empty sets match all), by id, and how many match. */
  public Map.Entry<List<Dataset>, Long> list(
      Set<String> providers, Set<String> areas, Set<String> statuses, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE true");
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (!providers.isEmpty()) {
      where.append(" AND d.provider_id = ANY(CAST(:providers AS text[]))");
      parameters.put("providers", providers.toArray(String[]::new));
    }
    if (!statuses.isEmpty()) {
      where.append(" AND d.status = ANY(CAST(:statuses AS text[]))");
      parameters.put("statuses", statuses.toArray(String[]::new));
    }
    if (!areas.isEmpty()) {
      where.append(
          " AND EXISTS (SELECT 1 FROM observation o WHERE o.dataset_id = d.id"
              + " AND o.ref_area = ANY(CAST(:areas AS text[])))");
      parameters.put("areas", areas.toArray(String[]::new));
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

  public DatasetSummary summary(long datasetId) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT count(*), array_agg(DISTINCT ref_area), array_agg(DISTINCT measure),"
                        + " min(time_period), max(time_period)"
                        + " FROM observation WHERE dataset_id = :id")
                .setParameter("id", datasetId)
                .getSingleResult();
    return new DatasetSummary(
        ((Number) row[0]).longValue(),
        texts(row[1]),
        texts(row[2]),
        (String) row[3],
        (String) row[4]);
  }

  public void delete(Dataset dataset) {
    em.remove(dataset);
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
