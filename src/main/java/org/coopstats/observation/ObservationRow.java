package org.coopstats.observation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One observation as served: where it comes from, its key, period, value and attributes; with its
 * validity interval for history queries and its action (I current, D deleted) for change queries.
 *
 * @param key the codes of the series dimensions, in key order
 * @param attributeIds the structure's attributes, in its order (one list shared by all rows)
 * @param attributes the value of each of {@code attributeIds} as stored (a code or text, a whole
 *     number in decimal digits), null where the row has none
 */
public record ObservationRow(
    long datasetId,
    String providerId,
    List<String> key,
    String timePeriod,
    BigDecimal value,
    List<String> attributeIds,
    List<String> attributes,
    OffsetDateTime validFrom,
    OffsetDateTime validTo,
    String action) {

  public ObservationRow {
    if (attributes.size() != attributeIds.size()) {
      throw new IllegalArgumentException(
          attributes.size() + " attribute values for " + attributeIds.size() + " attributes");
    }
  }

  /** The value of attribute {@code id}; null where the row has none or the structure lacks it. */
  public String attribute(String id) {
    int i = attributeIds.indexOf(id);
    return i < 0 ? null : attributes.get(i);
  }
}
