package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whether the embedded server starts is decided with Quarkus's own rules for names and profiles,
 * whatever source holds the setting. (That {@code .env} and {@code config/application.properties}
 * are read is shown on the packaged app by {@code ConfiguredDatasourceIT}.)
 */
class StartupSettingsTest {

  @Test
  void noUrlAnywhereMeansTheEmbeddedServer() {
    StartupSettings settings = settings(Map.of(), Map.of());
    assertThat(settings.embeddedDatabase()).isTrue();
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("data/postgres"));
  }

  @Test
  void aUrlInAPropertiesFileMeansNoEmbeddedServer() {
    assertThat(
            settings(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/x"), Map.of())
                .embeddedDatabase())
        .isFalse();
  }

  @Test
  void aUrlInEnvironmentFormMeansNoEmbeddedServer() {
    assertThat(
            settings(Map.of(), Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/x"))
                .embeddedDatabase())
        .isFalse();
  }

  @Test
  void aUrlForTheProdProfileCountsInTheProdProfileOnly() {
    Map<String, String> env = Map.of("_PROD_QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/x");
    assertThat(settings(Map.of("quarkus.profile", "prod"), env).embeddedDatabase()).isFalse();
    assertThat(settings(Map.of("quarkus.profile", "dev"), env).embeddedDatabase()).isTrue();
  }

  @Test
  void aBlankUrlIsNoUrl() {
    assertThat(settings(Map.of(), Map.of("QUARKUS_DATASOURCE_JDBC_URL", "")).embeddedDatabase())
        .isTrue();
  }

  @Test
  void theEmbeddedServerCanBeSwitchedOffAndMoved() {
    StartupSettings settings =
        settings(
            Map.of(),
            Map.of("COOPSTATS_EMBEDDED_DATABASE", "false", "COOPSTATS_DATA_DIR", "/srv/coop"));
    assertThat(settings.embeddedDatabase()).isFalse();
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/coop"));
  }

  private static StartupSettings settings(Map<String, String> file, Map<String, String> env) {
    Map<String, String> properties = new HashMap<>(file);
    properties.putIfAbsent("quarkus.profile", "prod");
    // The machine's own environment and system properties are sources too (CI names a database
    // in QUARKUS_DATASOURCE_JDBC_URL): a blank URL above them hides it, and the test's sources
    // sit above that.
    Map<String, String> hidden = Map.of(StartupSettings.JDBC_URL, "");
    return new StartupSettings(
        StartupSettings.quarkusConfigBuilder()
            .withSources(new PropertiesConfigSource(hidden, "hide-the-machine's", 450))
            .withSources(new PropertiesConfigSource(properties, "file", 500))
            .withSources(new EnvConfigSource(env, 600))
            .build());
  }
}
