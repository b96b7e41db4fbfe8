package org.coopstats.replica;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The response cache off, so that every read reaches the route and shows where it went. */
public class ReplicaProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("coopstats.response-cache.max-bytes", "0");
  }
}
