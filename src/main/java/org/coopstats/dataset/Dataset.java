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

  @Column(nullable = false)
  public String status;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Column(name = "published_at")
  public OffsetDateTime publishedAt;

  public boolean isPublished() {
    return PUBLISHED.equals(status);
  }
}
