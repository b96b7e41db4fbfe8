package org.coopstats.resilience;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An embedded PostgreSQL that a test can stop and start again, on the same port and data. */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {

  private static Path dataDirectory;
  private static int port;
  private static EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    try {
      dataDirectory = Files.createTempDirectory("coopstats-restartable-pg");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startServer();
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://localhost:" + port + "/postgres",
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "");
  }

  public static synchronized void startServer() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static synchronized void stopServer() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    stopServer();
  }
}
