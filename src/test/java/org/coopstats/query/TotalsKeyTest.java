package org.coopstats.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.common.PageRequest;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.Visibility;
import org.coopstats.validation.TimePeriod;
import org.junit.jupiter.api.Test;

/** What a kept total is keyed by: the filter in a normal form and the release moment. */
class TotalsKeyTest {

  private static final OffsetDateTime RELEASE = OffsetDateTime.parse("2026-03-01T09:00:00Z");
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T12:00:00Z");

  private static ObservationQuery query(
      Map<String, Set<String>> codes,
      String start,
      Set<String> providers,
      Visibility visibility,
      PageRequest page) {
    return new ObservationQuery(
        codes,
        start == null ? null : TimePeriod.parse(start).orElseThrow(),
        null,
        providers,
        Set.of(),
        visibility,
        page);
  }

  private static Map<String, Set<String>> codes(String dimension, String... codes) {
    Map<String, Set<String>> map = new LinkedHashMap<>();
    map.put(dimension, new LinkedHashSet<>(List.of(codes)));
    return map;
  }

  private static TotalsKey key(ObservationQuery query) {
    return TotalsKey.of("COOP_STATS", query, new ReleaseState(RELEASE, 3));
  }

  @Test
  void theOrderOfCodesAndProvidersThePageAndTheMomentReadAtDoNotMatter() {
    TotalsKey one =
        key(
            query(
                codes("REF_AREA", "CAN", "KOR"),
                null,
                new LinkedHashSet<>(List.of("B", "A")),
                Visibility.asOf(NOW),
                new PageRequest(0, 100)));
    Map<String, Set<String>> twoDimensions = codes("REF_AREA", "KOR", "CAN");
    twoDimensions.put("MEASURE", Set.of()); // a dimension asked for with no code: all
    TotalsKey other =
        key(
            query(
                twoDimensions,
                null,
                new LinkedHashSet<>(List.of("A", "B")),
                Visibility.asOf(NOW.plusMinutes(5)),
                new PageRequest(5000, 10)));
    assertThat(other).isEqualTo(one).hasSameHashCodeAs(one);
  }

  @Test
  void periodsCountByTheDatesTheyCompare() {
    Visibility now = Visibility.asOf(NOW);
    PageRequest page = new PageRequest(0, 100);
    assertThat(key(query(Map.of(), "2020", Set.of(), now, page)))
        .isEqualTo(key(query(Map.of(), "2020-Q1", Set.of(), now, page)))
        .isEqualTo(key(query(Map.of(), "2020-01", Set.of(), now, page)))
        .isNotEqualTo(key(query(Map.of(), "2020-02", Set.of(), now, page)));
  }

  @Test
  void anotherFilterViewOrReleaseIsAnotherKey() {
    PageRequest page = new PageRequest(0, 100);
    Visibility now = Visibility.asOf(NOW);
    TotalsKey base = key(query(codes("REF_AREA", "CAN"), null, Set.of(), now, page));
    assertThat(key(query(codes("REF_AREA", "KOR"), null, Set.of(), now, page))).isNotEqualTo(base);
    assertThat(key(query(codes("MEASURE", "CAN"), null, Set.of(), now, page))).isNotEqualTo(base);
    assertThat(key(query(codes("REF_AREA", "CAN"), null, Set.of("A"), now, page)))
        .isNotEqualTo(base);
    Visibility history = new Visibility(Visibility.Kind.HISTORY, NOW, null);
    assertThat(key(query(codes("REF_AREA", "CAN"), null, Set.of(), history, page)))
        .isNotEqualTo(base);
    assertThat(
            TotalsKey.of(
                "COOP_STATS",
                query(codes("REF_AREA", "CAN"), null, Set.of(), now, page),
                new ReleaseState(RELEASE.plusNanos(1000), 3)))
        .isNotEqualTo(base);
    // a release committed after a later-stamped one: same moment, one more effective change
    assertThat(
            TotalsKey.of(
                "COOP_STATS",
                query(codes("REF_AREA", "CAN"), null, Set.of(), now, page),
                new ReleaseState(RELEASE, 4)))
        .isNotEqualTo(base);
  }

  @Test
  void aChangeQueryIsKeyedByItsLowerBound() {
    PageRequest page = new PageRequest(0, 100);
    Visibility since = new Visibility(Visibility.Kind.CHANGES, NOW, RELEASE.minusDays(1));
    Visibility later = new Visibility(Visibility.Kind.CHANGES, NOW, RELEASE.minusHours(1));
    assertThat(key(query(Map.of(), null, Set.of(), since, page)))
        .isNotEqualTo(key(query(Map.of(), null, Set.of(), later, page)))
        .isEqualTo(
            key(
                query(
                    Map.of(),
                    null,
                    Set.of(),
                    new Visibility(Visibility.Kind.CHANGES, NOW.plusSeconds(1), since.since()),
                    page)));
  }

  @Test
  void unreleasedViewsHaveNoKey() {
    for (Visibility.Kind kind : List.of(Visibility.Kind.DRAFT, Visibility.Kind.PREVIEW)) {
      ObservationQuery unreleased =
          query(Map.of(), null, Set.of(), new Visibility(kind, NOW, null), new PageRequest(0, 1));
      assertThatThrownBy(() -> key(unreleased)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
