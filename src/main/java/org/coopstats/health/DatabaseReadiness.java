package org.coopstats.health;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.security.SimplePassword;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: can the database be reached? It replaces Quarkus's datasource check
 * (quarkus.datasource.health.enabled=false), which borrows a pooled connection and so, under load,
 * waits up to the pool's acquisition timeout behind the queries, holding a worker thread and
 * answering late or not at all.
 *
 * <p>This one never blocks the calling thread (the event loop): it validates a connection of its
 * own, outside the pool (a busy pool says nothing about the database), on a thread of its own, at
 * most one probe at a time (probes that arrive meanwhile share it), and answers DOWN when the
 * database has not answered within {@code coopstats.health.database-timeout}. The connection is
 * kept between probes and opened again only when it fails: opening one costs PostgreSQL a new
 * backend process and an authentication, which under load took most of the timeout. Liveness does
 * not look at the database: a busy or unreachable database is no reason to restart the service.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

  // The name Quarkus's own check had: monitoring that looks for it keeps working.
  static final String NAME = "Database connections health check";

  private final AgroalDataSource dataSource;
  private final Duration timeout;
  private final ExecutorService probes =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "database-readiness");
            thread.setDaemon(true);
            return thread;
          });
  private CompletableFuture<HealthCheckResponse> running;
  // Used on the probes thread only.
  private Connection connection;

  public DatabaseReadiness(
      AgroalDataSource dataSource,
      @ConfigProperty(name = "coopstats.health.database-timeout", defaultValue = "800ms")
          Duration timeout) {
    this.dataSource = dataSource;
    this.timeout = timeout;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .completionStage(this::probe)
        .ifNoItem()
        .after(timeout)
        .recoverWithItem(
            () ->
                down(
                    "The database did not answer within "
                        + timeout.toMillis()
                        + " ms (busy or unreachable)"));
  }

  private synchronized CompletableFuture<HealthCheckResponse> probe() {
    if (running == null || running.isDone()) {
      running = CompletableFuture.supplyAsync(this::check, probes);
    }
    return running;
  }

  private HealthCheckResponse check() {
    int seconds = (int) Math.max(1, timeout.toSeconds());
    try {
      if (connection != null && !connection.isValid(seconds)) {
        closeConnection();
      }
      if (connection == null) {
        connection = connect();
        if (connection == null || !connection.isValid(seconds)) {
          closeConnection();
          return down("The validation query failed");
        }
      }
      return HealthCheckResponse.named(NAME).up().withData("<default>", "UP").build();
    } catch (Exception e) {
      closeConnection();
      return down("Unable to reach the database: " + e.getMessage());
    }
  }

  private Connection connect() throws java.sql.SQLException {
    // A connection of its own, straight from the driver: Agroal's isHealthy(true) adds the new
    // connection to the pool, past its max-size, where a waiting query takes it.
    var factory =
        dataSource
            .getConfiguration()
            .connectionPoolConfiguration()
            .connectionFactoryConfiguration();
    Properties properties = new Properties();
    properties.putAll(factory.jdbcProperties());
    if (factory.principal() != null) {
      properties.setProperty("user", factory.principal().getName());
    }
    for (Object credential : factory.credentials()) {
      if (credential instanceof SimplePassword password) {
        properties.setProperty("password", password.getWord());
      }
    }
    String seconds = Long.toString(Math.max(1, timeout.toSeconds() + 1));
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("loginTimeout", seconds);
    properties.setProperty("socketTimeout", seconds);
    properties.setProperty("ApplicationName", "coopstats-readiness");
    return new org.postgresql.Driver().connect(factory.jdbcUrl(), properties);
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (Exception e) {
        // Already broken: nothing to give back.
      }
      connection = null;
    }
  }

  private static HealthCheckResponse down(String why) {
    return HealthCheckResponse.named(NAME).down().withData("<default>", why).build();
  }

  @PreDestroy
  void stop() {
    // On the probes thread, after a probe that may be running: the connection is its alone.
    probes.execute(this::closeConnection);
    probes.shutdown();
  }
}
