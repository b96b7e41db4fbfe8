package org.coopstats.audit;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;

/** Writes and reads the audit log. Records join the transaction of the action they record. */
@ApplicationScoped
public class AuditService {

  private final Clock clock;

  public AuditService(Clock clock) {
    this.clock = clock;
  }

  /** The entries, newest first. */
  public record Entry(
      long id,
      OffsetDateTime at,
      String actor,
      String action,
      String providerId,
      Long datasetId,
      String detail) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String actor, String action, String providerId, Long datasetId, String detail) {
    AuditEvent event = new AuditEvent();
    event.at = OffsetDateTime.now(clock);
    event.actor = actor;
    event.action = action;
    event.providerId = providerId;
    event.datasetId = datasetId;
    event.detail = detail;
    event.persist();
  }

  /** Entries of one provider (null: all), optionally of one dataset. */
  public Page<Entry> list(String providerId, Long datasetId, PageRequest page) {
    List<String> where = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (providerId != null) {
      where.add("providerId = :provider");
      parameters.and("provider", providerId);
    }
    if (datasetId != null) {
      where.add("datasetId = :dataset");
      parameters.and("dataset", datasetId);
    }
    var query =
        where.isEmpty()
            ? AuditEvent.<AuditEvent>findAll(Sort.descending("id"))
            : AuditEvent.<AuditEvent>find(
                String.join(" and ", where), Sort.descending("id"), parameters);
    List<Entry> items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(e -> new Entry(e.id, e.at, e.actor, e.action, e.providerId, e.datasetId, e.detail))
            .toList();
    return new Page<>(items, query.count(), page.offset(), page.limit());
  }
}
