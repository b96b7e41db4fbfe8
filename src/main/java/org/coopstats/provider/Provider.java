package org.coopstats.provider;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An agency that submits data: a statistical office, a registrar, a federation. */
@Entity
@Table(name = "provider")
public class Provider extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(name = "ref_area")
  public String refArea;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
