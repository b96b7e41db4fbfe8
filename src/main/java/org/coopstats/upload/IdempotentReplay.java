package org.coopstats.upload;

import org.coopstats.common.ProblemException;

/**
 * A repeated upload: one that names an Idempotency-Key a submission of the dataset was recorded
 * under. The same body gets that submission's result again, and nothing is stored twice; another
 * body under the key is refused.
 */
final class IdempotentReplay {

  /** A recorded submission: its result as a replay gives it, and the SHA-256 of its body. */
  record Earlier(UploadResult result, String bodySha256) {}

  private IdempotentReplay() {}

  /** Whether an upload is looked up as a repeat: it has a key, and is no dry run. */
  static boolean applies(UploadCommand command) {
    return command.idempotencyKey() != null && !command.dryRun();
  }

  /**
   * The earlier result for a body whose SHA-256 is {@code bodySha256}; a 422 when it is not the
   * body the key was first used for (or that body's digest was not recorded).
   */
  static UploadResult replay(Earlier earlier, String bodySha256, String key) {
    if (!bodySha256.equals(earlier.bodySha256())) {
      throw new ProblemException(
          422,
          "idempotency-key-reused",
          "Idempotency-Key reused",
          "Idempotency-Key '"
              + key
              + "' was used for a different body. Use a new key for a new submission.");
    }
    return earlier.result();
  }
}
