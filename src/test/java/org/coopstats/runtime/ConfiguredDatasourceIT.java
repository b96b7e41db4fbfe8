package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.coopstats.support.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A datasource named in a config file of the working directory ({@code .env}, {@code
 * config/application.properties}) is the one the packaged app uses, and no embedded server is
 * started. Before, only the environment and system properties were looked at: the app started its
 * embedded server and pointed Quarkus at it, over the file's setting.
 */
class ConfiguredDatasourceIT {

  private static EmbeddedPostgres postgres;

  @TempDir Path workingDirectory;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @Test
  void aDatasourceInDotEnvIsUsed() throws Exception {
    String database = "from_dot_env";
    Files.writeString(
        workingDirectory.resolve(".env"),
        "QUARKUS_DATASOURCE_JDBC_URL="
            + url(database)
            + "\nQUARKUS_DATASOURCE_USERNAME=postgres\n");
    assertTheAppUsesTheConfiguredDatabase(database);
  }

  @Test
  void aDatasourceInConfigApplicationPropertiesIsUsed() throws Exception {
    String database = "from_config_file";
    Path config = Files.createDirectories(workingDirectory.resolve("config"));
    Files.writeString(
        config.resolve("application.properties"),
        "quarkus.datasource.jdbc.url="
            + url(database)
            + "\nquarkus.datasource.username=postgres\n");
    assertTheAppUsesTheConfiguredDatabase(database);
  }

  private void assertTheAppUsesTheConfiguredDatabase(String database) throws Exception {
    Path dataDir = workingDirectory.resolve("embedded");
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("CREATE DATABASE " + database);
    }
    try (AppProcess app =
        AppProcess.start(Map.of("COOPSTATS_DATA_DIR", dataDir.toString()), workingDirectory)) {
      assertThat(app.output()).doesNotContain("Embedded PostgreSQL");
      assertThat(dataDir).doesNotExist();
      // Flyway created the schema in the configured database
      try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
          ResultSet tables =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT count(*) FROM information_schema.tables"
                          + " WHERE table_name = 'flyway_schema_history'")) {
        tables.next();
        assertThat(tables.getInt(1)).as(app.output()).isEqualTo(1);
      }
      assertThat(app.stop(60)).isTrue();
    }
  }

  /** A database of its own per test on the test's server. */
  private static String url(String database) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }
}
