package org.coopstats.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.coopstats.dataset.DatasetRepository;
import org.coopstats.security.Role;
import org.coopstats.support.Api;
import org.coopstats.support.Jobs;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Large uploads as background jobs: 202, progress, result; failures and cancels store nothing. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class UploadJobTest {

  @BeforeEach
  void actAsAdmin() {
    Api.actAsAdmin();
  }

  @Inject DatasetRepository datasets;

  /**
   * While another write holds the dataset's lock (a long upload), a new job is still taken at once:
   * it used to wait for the lock to insert its row (JPA's FOR UPDATE blocks the foreign key) and
   * answer 500 at the transaction timeout.
   */
  @Test
  void aJobIsTakenAtOnceWhileAnotherWriteHoldsTheDataset() throws Exception {
    long dataset = Api.newDataset(Api.newProvider());
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          datasets.findForUpdate(dataset).orElseThrow();
                          locked.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    try {
      locked.await();
      long before = System.nanoTime();
      String location =
          given()
              .contentType("text/csv")
              .header("Prefer", "respond-async")
              .body(Jobs.rows(10, 5))
              .post("/api/v1/datasets/" + dataset + "/observations")
              .then()
              .statusCode(202)
              .extract()
              .header("Location");
      org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - before))
          .isLessThan(Duration.ofSeconds(5));
      release.countDown();
      writer.get();
      org.assertj.core.api.Assertions.assertThat(Jobs.waitForEnd(location).getString("status"))
          .isEqualTo("SUCCEEDED");
    } finally {
      release.countDown();
    }
  }

  @Test
  void anAsyncUploadAnswers202AndItsJobEndsWithTheResult() {
    long dataset = Api.newDataset(Api.newProvider());
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(Jobs.rows(5000, 5))
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/jobs/"))
            .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING"))
            .body("bytes", notNullValue())
            .extract()
            .header("Location");
    JsonPath job = Jobs.waitForEnd(location);
    org.assertj.core.api.Assertions.assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
    org.assertj.core.api.Assertions.assertThat(job.getLong("rowsRead")).isEqualTo(5000);
    org.assertj.core.api.Assertions.assertThat(job.getLong("rowsChecked")).isEqualTo(5000);
    org.assertj.core.api.Assertions.assertThat(job.getLong("rowsStored")).isEqualTo(5000);
    org.assertj.core.api.Assertions.assertThat(job.getLong("result.inserted")).isEqualTo(5000);
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(5000));
    given()
        .queryParam("dataset", dataset)
        .get("/api/v1/jobs")
        .then()
        .body("total", is(1))
        .body("items[0].status", is("SUCCEEDED"));
  }

  @Test
  void aFailingJobReportsItsErrorsAndStoresNothing() {
    long dataset = Api.newDataset(Api.newProvider());
    String body = Jobs.rows(3000, 5) + "XXX,COOPS,2021,1\n";
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(body)
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    JsonPath job = Jobs.waitForEnd(location);
    org.assertj.core.api.Assertions.assertThat(job.getString("status")).isEqualTo("FAILED");
    org.assertj.core.api.Assertions.assertThat(job.getInt("result.status")).isEqualTo(422);
    org.assertj.core.api.Assertions.assertThat(job.getString("result.errors[0].value"))
        .isEqualTo("XXX");
    org.assertj.core.api.Assertions.assertThat(job.getLong("result.errors[0].line"))
        .isEqualTo(3002);
    given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
  }

  @org.junit.jupiter.api.RepeatedTest(3)
  void aCancelledJobStoresNothing() {
    long dataset = Api.newDataset(Api.newProvider());
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(Jobs.rows(25000, 7))
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    int cancel = given().delete(location).then().extract().statusCode();
    JsonPath job = Jobs.waitForEnd(location);
    if (cancel == 202) {
      org.assertj.core.api.Assertions.assertThat(job.getString("status")).isEqualTo("CANCELLED");
      given().get("/api/v1/datasets/" + dataset).then().body("summary.draftObservations", is(0));
    } else {
      // it ended before the cancel arrived: then it must have stored the whole upload
      org.assertj.core.api.Assertions.assertThat(cancel).isEqualTo(409);
      given()
          .get("/api/v1/datasets/" + dataset)
          .then()
          .body("summary.draftObservations", is(25000));
    }
  }

  @Test
  void jobsAreShownOnlyToTheirProvidersUsers() {
    long dataset = Api.newDataset(Api.newProvider());
    String location =
        given()
            .contentType("text/csv")
            .header("Prefer", "respond-async")
            .body(Jobs.rows(10, 5))
            .post("/api/v1/datasets/" + dataset + "/observations")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    String outsider = Api.newUser(Api.newProvider(), Role.SUBMITTER);
    given().auth().preemptive().basic(outsider, Api.PASSWORD).get(location).then().statusCode(404);
    Api.actAnonymously();
    given().get(location).then().statusCode(401);
    Api.actAsAdmin();
    Jobs.waitForEnd(location);
  }
}
