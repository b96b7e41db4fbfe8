package org.coopstats.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which landmark a page starts from, and how a long list is thinned. */
class LandmarksTest {

  /** Landmarks of 10 rows apart over 45 rows: the keys of rows 10, 20, 30 and 40 (from 1). */
  private static final Landmarks FORTY_FIVE = new Landmarks(45, 10, keys(10, 4));

  private static List<List<Object>> keys(int every, int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> List.<Object>of("row " + i * every))
        .toList();
  }

  @Test
  void aPageBeforeTheFirstLandmarkIsAPlainOffset() {
    assertThat(FORTY_FIVE.seek(0)).isEqualTo(new Landmarks.Seek(null, 0));
    assertThat(FORTY_FIVE.seek(9)).isEqualTo(new Landmarks.Seek(null, 9));
  }

  @Test
  void aDeepPageStartsAfterTheLastLandmarkAtOrBeforeItsOffset() {
    // offset 10 is the 11th row: right after row 10
    assertThat(FORTY_FIVE.seek(10)).isEqualTo(new Landmarks.Seek(List.of("row 10"), 0));
    assertThat(FORTY_FIVE.seek(19)).isEqualTo(new Landmarks.Seek(List.of("row 10"), 9));
    assertThat(FORTY_FIVE.seek(33)).isEqualTo(new Landmarks.Seek(List.of("row 30"), 3));
    assertThat(FORTY_FIVE.seek(40)).isEqualTo(new Landmarks.Seek(List.of("row 40"), 0));
  }

  @Test
  void pastTheLastLandmarkTheRestIsSkippedFromIt() {
    assertThat(FORTY_FIVE.seek(44)).isEqualTo(new Landmarks.Seek(List.of("row 40"), 4));
    assertThat(FORTY_FIVE.seek(1000)).isEqualTo(new Landmarks.Seek(List.of("row 40"), 960));
  }

  @Test
  void noLandmarksMeansAPlainOffset() {
    Landmarks few = new Landmarks(7, 10, List.of());
    assertThat(few.seek(5)).isEqualTo(new Landmarks.Seek(null, 5));
    assertThat(few.seek(50)).isEqualTo(new Landmarks.Seek(null, 50));
  }

  @Test
  void thinningDoublesTheSpacingAndKeepsTheKeysAtItsMultiples() {
    Landmarks many = new Landmarks(95, 10, keys(10, 9));
    Landmarks thinned = many.thinnedTo(4);
    assertThat(thinned.every()).isEqualTo(20);
    assertThat(thinned.total()).isEqualTo(95);
    assertThat(thinned.keys()).isEqualTo(keys(20, 4));
    assertThat(many.thinnedTo(2).every()).isEqualTo(40);
    assertThat(many.thinnedTo(2).keys()).isEqualTo(keys(40, 2));
    assertThat(many.thinnedTo(9)).isSameAs(many);
    // the same row is found before and after thinning
    assertThat(thinned.seek(65)).isEqualTo(new Landmarks.Seek(List.of("row 60"), 5));
    assertThat(many.seek(65)).isEqualTo(new Landmarks.Seek(List.of("row 60"), 5));
  }
}
