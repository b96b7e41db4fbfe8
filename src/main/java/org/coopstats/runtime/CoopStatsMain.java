package org.coopstats.runtime;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coopstats.common.HttpLevelProblems;

/**
 * Starts the service. Where no datasource URL is configured in any of Quarkus's config sources (see
 * {@link StartupSettings}), it first starts an embedded PostgreSQL on a persistent data directory
 * ({@code coopstats.data-dir}, default {@code ./data/postgres}) and points the datasource at it.
 */
@QuarkusMain
public class CoopStatsMain {

  public static void main(String... args) {
    // Quarkus answers a URI java.net.URI cannot parse (a bad %-escape) with an empty 400 before
    // any route runs; with this, org.coopstats.common.HttpLevelProblems checks it instead and
    // answers problem+json. Read when Quarkus's HTTP recorder class loads, so set first.
    System.setProperty(HttpLevelProblems.DISABLE_URI_VALIDATION, "true");
    StartupSettings settings = StartupSettings.fromQuarkusSources();
    if (!settings.embeddedDatabase()) {
      Quarkus.run(args);
      return;
    }
    EmbeddedDatabase database;
    try {
      database = EmbeddedDatabase.start(settings.dataDirectory());
    } catch (IllegalStateException e) {
      System.err.println("CoopStats cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.setProperty(StartupSettings.JDBC_URL, database.jdbcUrl());
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
}
