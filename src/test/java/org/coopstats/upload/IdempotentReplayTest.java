package org.coopstats.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import org.coopstats.common.ProblemException;
import org.junit.jupiter.api.Test;

/** A repeat of an Idempotency-Key: the same body gets the earlier result, another is refused. */
class IdempotentReplayTest {

  private static final UploadResult EARLIER =
      new UploadResult(7, 42L, "merge", false, true, 3, 2, 1, 0, 0, 0, List.of());

  private static UploadCommand command(String key, boolean dryRun) {
    return UploadCommand.of(7, UploadService.Format.CSV, InputStream.nullInputStream())
        .withIdempotencyKey(key)
        .withDryRun(dryRun);
  }

  @Test
  void onlyAnUploadWithAKeyThatIsNoDryRunIsLookedUp() {
    assertThat(IdempotentReplay.applies(command("k1", false))).isTrue();
    assertThat(IdempotentReplay.applies(command(null, false))).isFalse();
    // a dry run stores nothing, so there is nothing to repeat
    assertThat(IdempotentReplay.applies(command("k1", true))).isFalse();
  }

  @Test
  void theSameBodyGetsTheEarlierResult() {
    IdempotentReplay.Earlier earlier = new IdempotentReplay.Earlier(EARLIER, "abc123");
    assertThat(IdempotentReplay.replay(earlier, "abc123", "k1")).isSameAs(EARLIER);
  }

  @Test
  void anotherBodyUnderTheKeyIsRefusedNamingTheKey() {
    IdempotentReplay.Earlier earlier = new IdempotentReplay.Earlier(EARLIER, "abc123");
    assertThatThrownBy(() -> IdempotentReplay.replay(earlier, "def456", "k1"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.slug()).isEqualTo("idempotency-key-reused");
              assertThat(e.getMessage()).contains("'k1'").contains("different body");
            });
  }

  @Test
  void anEarlierSubmissionWhoseBodyWasNotDigestedIsNoMatch() {
    IdempotentReplay.Earlier earlier = new IdempotentReplay.Earlier(EARLIER, null);
    assertThatThrownBy(() -> IdempotentReplay.replay(earlier, "abc123", "k1"))
        .isInstanceOf(ProblemException.class);
  }
}
