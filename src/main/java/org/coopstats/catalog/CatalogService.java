package org.coopstats.catalog;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The code lists and structures in memory: they are read on every upload row and every query label,
 * and change only through migrations (later: through the admin API, which calls {@link #reload()}).
 */
@ApplicationScoped
public class CatalogService {

  public static final String COOP_STATS = "COOP_STATS";

  private final CatalogRepository repository;
  private volatile Catalog catalog;

  public CatalogService(CatalogRepository repository) {
    this.repository = repository;
  }

  public Catalog catalog() {
    Catalog current = catalog;
    if (current == null) {
      synchronized (this) {
        if (catalog == null) {
          catalog = repository.load();
        }
        current = catalog;
      }
    }
    return current;
  }

  public DataStructure coopStats() {
    return catalog().structure(COOP_STATS).orElseThrow();
  }

  public void reload() {
    catalog = repository.load();
  }
}
