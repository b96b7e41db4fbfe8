package org.coopstats.upload;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An upload running (or run) in the background, with its progress and result. */
@Entity
@Table(name = "upload_job")
public class UploadJob extends PanacheEntityBase {

  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "dataset_id", nullable = false)
  public long datasetId;

  @Column(name = "provider_id", nullable = false)
  public String providerId;

  @Column(nullable = false)
  public String actor;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public String format;

  @Column(nullable = false)
  public String mode;

  @Column(name = "dry_run", nullable = false)
  public boolean dryRun;

  @Column(nullable = false)
  public long bytes;

  @Column(name = "rows_read", nullable = false)
  public long rowsRead;

  @Column(name = "rows_checked", nullable = false)
  public long rowsChecked;

  @Column(name = "rows_stored", nullable = false)
  public long rowsStored;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "started_at")
  public OffsetDateTime startedAt;

  @Column(name = "finished_at")
  public OffsetDateTime finishedAt;

  /** JSON: the upload result, or the problem that ended it. */
  public String result;

  /** The instance that runs (or ran) the job. */
  @Column(name = "owner_instance")
  public String ownerInstance;

  /** When the owner last said it is alive and running the job. */
  @Column(name = "heartbeat_at")
  public OffsetDateTime heartbeatAt;

  /** The phase as of the owner's last heartbeat. */
  @Column(nullable = false)
  public String phase;

  @Column(name = "cancel_requested_at")
  public OffsetDateTime cancelRequestedAt;

  /** When the owner decided to store: after it a cancel is refused. */
  @Column(name = "settled_at")
  public OffsetDateTime settledAt;

  /** Written in the storing transaction: set means the rows were stored. */
  @Column(name = "stored_at")
  public OffsetDateTime storedAt;

  public boolean isFinished() {
    return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
  }
}
