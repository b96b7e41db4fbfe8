package org.coopstats.runtime;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coopstats.common.HttpLevelProblems;

/**
 * Starts the service. Where no datasource URL is configured (neither the environment variable
 * {@code QUARKUS_DATASOURCE_JDBC_URL} nor the system property {@code quarkus.datasource.jdbc.url}),
 * it first starts an embedded PostgreSQL on a persistent data directory ({@code
 * COOPSTATS_DATA_DIR}, default {@code ./data/postgres}) and points the datasource at it.
 */
@QuarkusMain
public class CoopStatsMain {

  private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

  public static void main(String... args) {
    // Quarkus answers a URI java.net.URI cannot parse (a bad %-escape) with an empty 400 before
    // any route runs; with this, org.coopstats.common.HttpLevelProblems checks it instead and
    // answers problem+json. Read when Quarkus's HTTP recorder class loads, so set first.
    System.setProperty(HttpLevelProblems.DISABLE_URI_VALIDATION, "true");
    if (configured(URL_PROPERTY) || "false".equals(setting("coopstats.embedded-database"))) {
      Quarkus.run(args);
      return;
    }
    String dataDir = setting("coopstats.data-dir");
    EmbeddedDatabase database;
    try {
      database = EmbeddedDatabase.start(Path.of(dataDir == null ? "data/postgres" : dataDir));
    } catch (IllegalStateException e) {
      System.err.println("CoopStats cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.setProperty(URL_PROPERTY, database.jdbcUrl());
    System.setProperty("quarkus.datasource.username", database.username());
    System.setProperty("quarkus.datasource.password", "");

    // Quarkus stops in its own shutdown hook; the database must outlive it, so our hook waits
    // for Quarkus to have stopped before stopping the database. Quarkus.run does not return after
    // a SIGTERM (its exit handler's System.exit blocks while the JVM shuts down), so the latch is
    // counted down in that handler, which runs once the application has stopped; the timeout only
    // guards against a Quarkus that never stops.
    CountDownLatch quarkusStopped = new CountDownLatch(1);
    ApplicationLifecycleManager.setDefaultExitCodeHandler(
        (Integer code, Throwable failure) -> {
          quarkusStopped.countDown();
          System.exit(code);
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    quarkusStopped.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  database.close();
                },
                "embedded-database-shutdown"));
    try {
      Quarkus.run(args);
    } finally {
      quarkusStopped.countDown();
      database.close();
    }
  }

  private static boolean configured(String property) {
    return setting(property) != null;
  }

  /** A setting from a system property or its environment-variable form. */
  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }
}
