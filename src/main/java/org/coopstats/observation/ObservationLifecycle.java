package org.coopstats.observation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.coopstats.catalog.DataStructure;

/**
 * The publishing lifecycle on the observation tables, run through the EntityManager in the
 * transaction that holds the dataset's row lock: releasing a draft, withdrawing, counting,
 * deleting. A draft value is a row of {@code observation_draft}; a row of {@code observation} is a
 * value published from {@code valid_from} until {@code valid_to} (null: still current).
 */
@ApplicationScoped
public class ObservationLifecycle {

  /** What a dataset holds at a moment: how many values, their areas, measures and periods. */
  public record Holdings(
      long observations,
      List<String> areas,
      List<String> measures,
      String firstPeriod,
      String lastPeriod) {}

  private final EntityManager em;

  public ObservationLifecycle(EntityManager em) {
    this.em = em;
  }

  /**
   * Releases the draft as version {@code version} at {@code releaseAt}: values that change or go
   * are closed at that moment, new and changed values open then, unchanged values stay as they
   * were, and the draft is emptied. Returns {opened, closed}.
   *
   * @param replaces the draft replaces the published values: keys it has no row for are closed
   */
  public long[] release(
      DataStructure structure,
      long datasetId,
      boolean replaces,
      int version,
      OffsetDateTime releaseAt) {
    ObservationSql sql = new ObservationSql(structure);
    long closed = 0;
    if (replaces) {
      closed += update(sql.closeMissing(), datasetId, releaseAt);
    }
    update(sql.dropUnchanged(), datasetId, null);
    closed += update(sql.closeChanged(), datasetId, releaseAt);
    long opened =
        em.createNativeQuery(sql.openDraft())
            .setParameter("at", releaseAt)
            .setParameter("version", version)
            .setParameter("id", datasetId)
            .executeUpdate();
    deleteDraft(structure, datasetId);
    return new long[] {opened, closed};
  }

  /** Closes every current value of the dataset at {@code at}; returns how many. */
  public long closeAll(DataStructure structure, long datasetId, OffsetDateTime at) {
    return update(new ObservationSql(structure).closeAll(), datasetId, at);
  }

  public long draftCount(DataStructure structure, long datasetId) {
    return ((Number)
            em.createNativeQuery(new ObservationSql(structure).countDraft())
                .setParameter("id", datasetId)
                .getSingleResult())
        .longValue();
  }

  /** Removes the dataset's draft rows (they have no foreign key to cascade from the dataset). */
  public void deleteDraft(DataStructure structure, long datasetId) {
    update(new ObservationSql(structure).clearDraft(), datasetId, null);
  }

  /** What the dataset has published at {@code now}. */
  public Holdings holdings(DataStructure structure, long datasetId, OffsetDateTime now) {
    Object[] row =
        (Object[])
            em.createNativeQuery(new ObservationSql(structure).summary())
                .setParameter("id", datasetId)
                .setParameter("now", now)
                .getSingleResult();
    return new Holdings(
        ((Number) row[0]).longValue(),
        texts(row[1]),
        texts(row[2]),
        (String) row[3],
        (String) row[4]);
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
