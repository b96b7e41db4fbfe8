package org.coopstats.runtime;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/**
 * The settings needed before Quarkus starts (whether to run the embedded PostgreSQL, and where),
 * read from the same sources as Quarkus reads: system properties, environment variables, a {@code
 * .env} file and {@code config/application.properties} in the working directory, and the {@code
 * application.properties} packaged in the app, with Quarkus's profiles ({@code %prod.} by default).
 * Reading only the environment and system properties, as before, started an embedded server next to
 * a datasource named in {@code .env} and then used the embedded one.
 */
final class StartupSettings {

  static final String JDBC_URL = "quarkus.datasource.jdbc.url";

  private final Config config;

  StartupSettings(Config config) {
    this.config = config;
  }

  /** The settings as Quarkus will see them. */
  static StartupSettings fromQuarkusSources() {
    SmallRyeConfig config = quarkusConfigBuilder().addDefaultSources().build();
    return new StartupSettings(config);
  }

  /** Quarkus's profile handling and property names (quarkus.profile …), without sources. */
  static SmallRyeConfigBuilder quarkusConfigBuilder() {
    return ConfigUtils.emptyConfigBuilder().forClassLoader(StartupSettings.class.getClassLoader());
  }

  /** True when no datasource URL is configured and the embedded server is not switched off. */
  boolean embeddedDatabase() {
    return config.getOptionalValue(JDBC_URL, String.class).isEmpty()
        && config.getOptionalValue("coopstats.embedded-database", Boolean.class).orElse(true);
  }

  /** The embedded server's data directory. */
  Path dataDirectory() {
    return Path.of(
        config.getOptionalValue("coopstats.data-dir", String.class).orElse("data/postgres"));
  }
}
