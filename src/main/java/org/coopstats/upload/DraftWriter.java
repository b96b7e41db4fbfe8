package org.coopstats.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.coopstats.catalog.DataStructure;
import org.coopstats.observation.ObservationStaging;
import org.coopstats.validation.CheckedObservation;

/**
 * Writes an upload's checked rows into its dataset's draft, in the upload's transaction: straight
 * into an empty draft (a replacing upload empties it first), merged by key into one that has rows,
 * or nowhere for a dry run. {@link #store} says what that changed.
 */
final class DraftWriter implements AutoCloseable {

  /** What storing an upload changed in the draft: rows added, rows updated, rows removed. */
  record Change(long inserted, long updated, long deleted) {

    /** The rows stored, added or updated. */
    long stored() {
      return inserted + updated;
    }
  }

  private final Connection connection;
  private final long datasetId;
  private final boolean replaces;
  private final long deleted;
  private final ObservationStaging staging;

  private DraftWriter(
      Connection connection,
      long datasetId,
      boolean replaces,
      long deleted,
      ObservationStaging staging) {
    this.connection = connection;
    this.datasetId = datasetId;
    this.replaces = replaces;
    this.deleted = deleted;
    this.staging = staging;
  }

  /** Readies the draft for the upload; a replacing upload (no dry run) empties it now. */
  static DraftWriter open(
      Connection connection, DataStructure structure, UploadCommand command, String workMem)
      throws SQLException {
    long datasetId = command.datasetId();
    boolean dryRun = command.dryRun();
    long deleted =
        command.replaces() && !dryRun
            ? ObservationStaging.deleteDraft(connection, structure, datasetId)
            : 0;
    // Only a merge asks whether the draft has rows: a replacing upload has just emptied it.
    boolean draftHasRows =
        !dryRun
            && !command.replaces()
            && ObservationStaging.hasDraft(connection, structure, datasetId);
    ObservationStaging.Target target = target(dryRun, command.mode(), draftHasRows);
    ObservationStaging staging =
        new ObservationStaging(connection, structure, datasetId, target, workMem);
    return new DraftWriter(connection, datasetId, command.replaces(), deleted, staging);
  }

  /** Where the rows go: nowhere for a dry run, merged into a draft with rows, else straight in. */
  static ObservationStaging.Target target(
      boolean dryRun, UploadService.Mode mode, boolean draftHasRows) {
    if (dryRun) {
      return ObservationStaging.Target.NONE;
    }
    return mode == UploadService.Mode.MERGE && draftHasRows
        ? ObservationStaging.Target.MERGE
        : ObservationStaging.Target.DRAFT;
  }

  void add(CheckedObservation observation) throws SQLException {
    staging.add(observation);
  }

  /** Ends the writing of rows. */
  void finish() throws SQLException {
    staging.finish();
  }

  /** Makes the written rows part of the draft. */
  Change store() throws SQLException {
    long[] insertedUpdated = staging.store();
    return new Change(insertedUpdated[0], insertedUpdated[1], deleted);
  }

  /** Dates the draft; a replacing upload makes the draft the whole next version. */
  void date(OffsetDateTime now) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE dataset SET updated_at = ?, draft_replaces = draft_replaces OR ? WHERE id = ?")) {
      statement.setObject(1, now);
      statement.setBoolean(2, replaces);
      statement.setLong(3, datasetId);
      statement.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    staging.close();
  }
}
