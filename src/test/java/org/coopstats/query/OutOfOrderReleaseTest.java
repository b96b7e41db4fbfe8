package org.coopstats.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.coopstats.support.TestClockProfile;
import org.coopstats.upload.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publish reads its release moment when it starts and commits later: a later-stamped release
 * committed in between leaves the last release moment as it was. The test clock models the slow one
 * (published with the clock moved back): its data must show at once, in the JSON API and in SDMX,
 * and the ETags given before it must no longer answer 304.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(TestClockProfile.class)
class OutOfOrderReleaseTest {

  @Inject MutableClock clock;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aReleaseStampedBeforeTheLastOneStillChangesEveryAnswerAndItsETag() {
    String provider = Api.newProvider();
    long early = Api.newDataset(provider);
    Api.uploadCsv(early, PageChecks.rows(List.of("KOR"), 2001, 2010, 10));
    long late = Api.newDataset(provider);
    Api.uploadCsv(late, PageChecks.rows(List.of("CAN"), 2001, 2010, 20));

    clock.advance(Duration.ofSeconds(10));
    Api.publish(late); // stamped T+10 s
    String json = "/api/v1/observations?provider=" + provider + "&limit=100";
    String sdmx = "/sdmx/v2.1/data/COOP_STATS/all/" + provider + "?format=csv";
    Response before = given().get(json);
    assertThat(before.jsonPath().getList("items")).hasSize(10);
    String jsonTag = before.header("ETag");
    Response sdmxBefore = given().get(sdmx);
    assertThat(sdmxBefore.statusCode()).isEqualTo(200);
    assertThat(sdmxBefore.asString()).doesNotContain("KOR");
    String sdmxTag = sdmxBefore.header("ETag");

    // the slow one: stamped T, committed after the release stamped T+10 s
    clock.advance(Duration.ofSeconds(-10));
    Api.publish(early);
    clock.advance(Duration.ofSeconds(10));

    Response after = given().get(json);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.jsonPath().getList("items")).hasSize(20);
    assertThat(after.header("X-Total-Count")).isEqualTo("20");
    assertThat(after.header("ETag")).isNotEqualTo(jsonTag);
    assertThat(after.header("Last-Modified")).isEqualTo(before.header("Last-Modified"));
    given().header("If-None-Match", jsonTag).get(json).then().statusCode(200);
    Response sdmxAfter = given().header("If-None-Match", sdmxTag).get(sdmx);
    assertThat(sdmxAfter.statusCode()).isEqualTo(200);
    assertThat(sdmxAfter.asString()).contains("KOR").contains("CAN");
    // the new tag holds until the next release
    given().header("If-None-Match", after.header("ETag")).get(json).then().statusCode(304);
  }
}
