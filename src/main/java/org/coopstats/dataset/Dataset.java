package org.coopstats.dataset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A set of observations submitted by one provider under one structure, with its provenance. A draft
 * until published.
 */
@Entity
@Table(name = "dataset")
public class Dataset extends PanacheEntityBase {

  public static final String DRAFT = "DRAFT";
  public static final String PUBLISHED = "PUBLISHED";
  public static final String WITHDRAWN = "WITHDRAWN";

  /** Shown to those who may see unreleased data: published with a release still to come. */
  public static final String SCHEDULED = "SCHEDULED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "provider_id", nullable = false)
  public String providerId;

  @Column(name = "structure_id", nullable = false)
  public String structureId;

  @Column(nullable = false)
  public String title;

  @Column(name = "source_kind", nullable = false)
  public String sourceKind;

  @Column(name = "period_basis", nullable = false)
  public String periodBasis;

  public String methodology;

  /** Who produced the figures (a national statistical office, ILOSTAT …), as the provider says. */
  public String source;

  @Column(nullable = false)
  public String status;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Column(name = "published_at")
  public OffsetDateTime publishedAt;

  /** The last published version (0: never published). */
  @Column(nullable = false)
  public int version;

  /** When the last published version is, or will be, released. */
  @Column(name = "released_at")
  public OffsetDateTime releasedAt;

  /** From when the dataset is public. */
  @Column(name = "first_released_at")
  public OffsetDateTime firstReleasedAt;

  /** The draft is the whole content of the next version (uploaded with mode=replace). */
  @Column(name = "draft_replaces", nullable = false)
  public boolean draftReplaces;

  @Column(name = "withdrawn_at")
  public OffsetDateTime withdrawnAt;

  @Column(name = "withdrawal_reason")
  public String withdrawalReason;

  /**
   * While a release is pending on a dataset already public: the release time, status and withdrawal
   * of the version out now, which is what outsiders see until the release (null otherwise).
   */
  @Column(name = "public_released_at")
  public OffsetDateTime publicReleasedAt;

  @Column(name = "public_status")
  public String publicStatus;

  @Column(name = "public_withdrawn_at")
  public OffsetDateTime publicWithdrawnAt;

  @Column(name = "public_withdrawal_reason")
  public String publicWithdrawalReason;

  /** Public at {@code now}: some version has been released. */
  public boolean isReleased(OffsetDateTime now) {
    return firstReleasedAt != null && !firstReleasedAt.isAfter(now);
  }

  /** A published version whose release time is still to come. */
  public boolean hasPendingRelease(OffsetDateTime now) {
    return releasedAt != null && releasedAt.isAfter(now) && !WITHDRAWN.equals(status);
  }

  /** The status as those who may see unreleased data see it. */
  public String statusAt(OffsetDateTime now) {
    return PUBLISHED.equals(status) && !isReleased(now) ? SCHEDULED : status;
  }
}
