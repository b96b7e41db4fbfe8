package org.coopstats.packaged;

import java.util.HashMap;
import java.util.Map;
import org.coopstats.support.PostgresResource;

/**
 * A fresh, empty embedded PostgreSQL with the demo data switched on, so the packaged app loads the
 * Canadian and Tanzanian figures at start-up as it does for a new user. Unlike {@link
 * PostgresResource} it never uses the server named by {@code QUARKUS_DATASOURCE_JDBC_URL}: the demo
 * loader only runs on a database without providers, and the one CI shares between tests has them
 * (the system properties given here override that variable).
 */
public class DemoDatabaseResource extends PostgresResource {

  @Override
  public Map<String, String> start() {
    Map<String, String> properties = new HashMap<>(startEmbedded());
    properties.put("coopstats.demo.enabled", "true");
    return properties;
  }
}
