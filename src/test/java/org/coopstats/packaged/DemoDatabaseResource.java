package org.coopstats.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A fresh, empty embedded PostgreSQL with the demo data switched on, so the packaged app loads the
 * Canadian and Tanzanian figures at start-up as it does for a new user. Unlike {@link
 * org.coopstats.support.PostgresResource} it never uses the server named by {@code
 * QUARKUS_DATASOURCE_JDBC_URL}: the demo loader only runs on a database without providers, and the
 * one CI shares between tests has them (the system properties given here override that variable).
 */
public class DemoDatabaseResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the test", e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "",
        "coopstats.demo.enabled",
        "true");
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
