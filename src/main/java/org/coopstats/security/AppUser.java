package org.coopstats.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A person or system that writes: its bcrypt-hashed password (checked by Quarkus Security JPA on
 * HTTP Basic), its roles and the provider it acts for.
 */
@Entity
@Table(name = "app_user")
@UserDefinition
public class AppUser extends PanacheEntityBase {

  @Id @Username public String username;

  @Password(PasswordType.MCF)
  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  /** Comma-separated: submitter, publisher, admin. */
  @Roles
  @Column(nullable = false)
  public String roles;

  @Column(name = "provider_id")
  public String providerId;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
