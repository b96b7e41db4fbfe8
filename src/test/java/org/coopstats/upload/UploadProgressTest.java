package org.coopstats.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A cancel and the upload's own ending race for one decision; the first one wins. */
class UploadProgressTest {

  @Test
  void anAcceptedCancelWinsOverTheUploadsEnding() {
    UploadProgress progress = new UploadProgress();
    assertThat(progress.cancel()).isTrue();
    assertThat(progress.settle()).isFalse();
    assertThatThrownBy(progress::settleOrCancel)
        .isInstanceOf(UploadProgress.CancelledException.class);
  }

  @Test
  void aCancelAfterTheOutcomeIsDecidedIsRefused() {
    UploadProgress progress = new UploadProgress();
    assertThat(progress.settle()).isTrue();
    assertThat(progress.cancel()).isFalse();
    assertThat(progress.isCancelled()).isFalse();
  }

  @Test
  void bothAreIdempotent() {
    UploadProgress cancelled = new UploadProgress();
    assertThat(cancelled.cancel()).isTrue();
    assertThat(cancelled.cancel()).isTrue();
    UploadProgress settled = new UploadProgress();
    assertThat(settled.settle()).isTrue();
    assertThat(settled.settle()).isTrue();
  }
}
