package org.coopstats.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.coopstats.security.UserChanged;

/** Records the changes of users in the audit log, in the transaction that made them. */
@ApplicationScoped
class UserAuditTrail {

  private final AuditService audit;

  UserAuditTrail(AuditService audit) {
    this.audit = audit;
  }

  void record(@Observes UserChanged change) {
    audit.record(change.actor(), change.action(), change.providerId(), null, change.detail());
  }
}
