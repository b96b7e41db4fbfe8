package org.coopstats.provider;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.coopstats.audit.AuditService;
import org.coopstats.catalog.CatalogService;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.provider.ProviderViews.ProviderRequest;
import org.coopstats.provider.ProviderViews.ProviderView;
import org.coopstats.security.Access;

@ApplicationScoped
public class ProviderService {

  private final CatalogService catalog;
  private final Access access;
  private final AuditService audit;
  private final Clock clock;

  public ProviderService(CatalogService catalog, Access access, AuditService audit, Clock clock) {
    this.clock = clock;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
  }

  public Page<ProviderView> list(PageRequest page) {
    var query = Provider.<Provider>findAll(Sort.by("id"));
    long total = query.count();
    var items =
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(ProviderView::of)
            .toList();
    return new Page<>(items, total, page.offset(), page.limit());
  }

  public long count() {
    return Provider.count();
  }

  public Optional<ProviderView> find(String id) {
    return Provider.<Provider>findByIdOptional(id).map(ProviderView::of);
  }

  @Transactional
  public ProviderView create(ProviderRequest request) {
    access.requireAdmin();
    if (request.refArea() != null
        && !catalog.catalog().codeList("CL_AREA").orElseThrow().contains(request.refArea())) {
      throw ProblemException.badRequest(
          "refArea '" + request.refArea() + "' is not a code of CL_AREA (e.g. CAN, TZA).");
    }
    if (Provider.findById(request.id()) != null) {
      throw ProblemException.conflict("A provider with id '" + request.id() + "' already exists.");
    }
    Provider provider = new Provider();
    provider.id = request.id();
    provider.name = request.name();
    provider.refArea = request.refArea();
    provider.createdAt = OffsetDateTime.now(clock);
    provider.persist();
    audit.record(access.actor(), "PROVIDER_CREATED", provider.id, null, provider.name);
    return ProviderView.of(provider);
  }
}
