package org.coopstats.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.coopstats.observation.ObservationStaging.Target;
import org.coopstats.upload.UploadService.Mode;
import org.junit.jupiter.api.Test;

/** Where an upload's rows go in the draft, and what storing them changed. */
class DraftWriterTest {

  @Test
  void aDryRunWritesNowhere() {
    assertThat(DraftWriter.target(true, Mode.MERGE, true)).isEqualTo(Target.NONE);
    assertThat(DraftWriter.target(true, Mode.REPLACE, false)).isEqualTo(Target.NONE);
  }

  @Test
  void onlyAMergeIntoADraftWithRowsIsMergedByKey() {
    assertThat(DraftWriter.target(false, Mode.MERGE, true)).isEqualTo(Target.MERGE);
    assertThat(DraftWriter.target(false, Mode.MERGE, false)).isEqualTo(Target.DRAFT);
    // a replacing upload has emptied the draft: its rows go straight in
    assertThat(DraftWriter.target(false, Mode.REPLACE, true)).isEqualTo(Target.DRAFT);
  }

  @Test
  void theRowsStoredAreThoseAddedAndUpdated() {
    assertThat(new DraftWriter.Change(6, 4, 3).stored()).isEqualTo(10);
  }
}
