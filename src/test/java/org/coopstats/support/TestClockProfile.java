package org.coopstats.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;
import org.coopstats.upload.MutableClock;

/**
 * The one profile of the tests that move time on the service's clock ({@link MutableClock}) instead
 * of sleeping; sharing it keeps them in one application start. The job settings leave the heartbeat
 * to the test and look for a cancel in the row at every check (JobsAcrossInstancesTest); they
 * change nothing for tests that do not run jobs.
 */
public class TestClockProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(MutableClock.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "coopstats.jobs.heartbeat-interval", "1H",
        "coopstats.jobs.stale-after", "60S",
        "coopstats.jobs.cancel-poll-interval", "0S");
  }
}
