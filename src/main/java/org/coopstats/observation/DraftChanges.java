package org.coopstats.observation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.DataStructure;

/**
 * What publishing a dataset's draft would change, key by key: each draft row set against the open
 * published value of its key (and, for a draft that replaces, each open key it leaves out).
 */
@ApplicationScoped
public class DraftChanges {

  /** The kinds of change, in the order a summary lists them. */
  public static final List<String> KINDS = List.of("ADDED", "CHANGED", "DELETED", "UNCHANGED");

  /** A value with its attributes (in the structure's order); null on the side that has none. */
  public record Values(BigDecimal value, List<String> attributes) {}

  /** One key's change: its series key and period, the value published and the draft's. */
  public record Change(
      String change, List<String> key, String timePeriod, Values published, Values draft) {}

  private final EntityManager em;

  public DraftChanges(EntityManager em) {
    this.em = em;
  }

  /** A page of the changes of the kinds asked for, in key order. */
  public List<Change> page(
      DataStructure structure,
      long datasetId,
      boolean replaces,
      Collection<String> kinds,
      int offset,
      int limit) {
    List<?> rows =
        em.createNativeQuery(new ObservationSql(structure).draftChanges(replaces))
            .setParameter("id", datasetId)
            .setParameter("changes", kinds)
            .setParameter("limit", limit)
            .setParameter("offset", offset)
            .getResultList();
    List<Change> changes = new ArrayList<>();
    for (Object row : rows) {
      changes.add(change(structure, (Object[]) row));
    }
    return changes;
  }

  /** How many keys there are of each kind of change (every kind, 0 when none). */
  public Map<String, Long> counts(DataStructure structure, long datasetId, boolean replaces) {
    Map<String, Long> counts = new LinkedHashMap<>();
    KINDS.forEach(kind -> counts.put(kind, 0L));
    List<?> rows =
        em.createNativeQuery(new ObservationSql(structure).draftChangeCounts(replaces))
            .setParameter("id", datasetId)
            .getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      counts.computeIfPresent(
          (String) columns[0], (kind, zero) -> ((Number) columns[1]).longValue());
    }
    return counts;
  }

  private static Change change(DataStructure structure, Object[] row) {
    int dimensions = structure.seriesDimensions().size();
    int attributes = structure.attributes().size();
    String change = (String) row[0];
    List<String> key = new ArrayList<>();
    for (int i = 0; i < dimensions; i++) {
      key.add((String) row[1 + i]);
    }
    String period = (String) row[1 + dimensions];
    int published = 2 + dimensions;
    int draft = published + 1 + attributes;
    return new Change(
        change,
        key,
        period,
        "ADDED".equals(change) ? null : values(row, published, attributes),
        "DELETED".equals(change) ? null : values(row, draft, attributes));
  }

  private static Values values(Object[] row, int from, int attributes) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < attributes; i++) {
      Object text = row[from + 1 + i];
      texts.add(text == null ? null : text.toString());
    }
    return new Values(decimal(row[from]), texts);
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? null : new BigDecimal(value.toString());
  }
}
