package org.coopstats.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL for the tests: an embedded server started here, or the server named by {@code
 * QUARKUS_DATASOURCE_JDBC_URL} (and _USERNAME/_PASSWORD) when that is set, as CI does to run the
 * suite against the machine's PostgreSQL 15 too.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    if (external != null && !external.isBlank()) {
      // Named explicitly: a packaged app launched after another test resource's would otherwise
      // be given that resource's (stopped) server, as Quarkus passes earlier properties on.
      return Map.of(
          "quarkus.datasource.jdbc.url",
          external,
          "quarkus.datasource.username",
          System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", ""),
          "quarkus.datasource.password",
          System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
    }
    return startEmbedded();
  }

  /**
   * Starts a fresh, empty embedded server (stopped by {@link #stop()}) and says how to reach it.
   */
  protected final Map<String, String> startEmbedded() {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "");
  }

  @Override
  public void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
