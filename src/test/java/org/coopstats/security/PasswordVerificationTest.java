package org.coopstats.security;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.coopstats.support.Api;
import org.coopstats.support.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verified passwords are remembered briefly, but never let a wrong password or a gone user in. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class PasswordVerificationTest {

  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void anonymous() {
    Api.actAnonymously();
  }

  @Test
  void aWrongPasswordIsRefusedRightAfterTheRightOne() {
    String provider = Api.newProvider();
    String user = Api.newUser(provider, Role.SUBMITTER);
    createDataset(user, Api.PASSWORD, provider, 201);
    createDataset(user, Api.PASSWORD, provider, 201);
    createDataset(user, Api.PASSWORD + "x", provider, 401);
    createDataset(user, "", provider, 401);
  }

  @Test
  void aDeletedUserIsRefusedAtOnce() {
    String provider = Api.newProvider();
    String user = Api.newUser(provider, Role.SUBMITTER);
    createDataset(user, Api.PASSWORD, provider, 201);
    given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .delete("/api/v1/users/" + user)
        .then()
        .statusCode(204);
    createDataset(user, Api.PASSWORD, provider, 401);
  }

  /**
   * The password changes behind this instance's back (as when another instance sets it): the
   * password just verified is still taken from memory, so it was not checked against the database
   * (bcrypt) again. This failed while the database's provider was asked first.
   */
  @Test
  void aVerifiedPasswordIsTakenFromMemoryWithinTheMinute() throws SQLException {
    String provider = Api.newProvider();
    String user = Api.newUser(provider, Role.SUBMITTER);
    createDataset(user, Api.PASSWORD, provider, 201);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "UPDATE app_user SET password_hash = ? WHERE username = ?")) {
      statement.setString(1, BcryptUtil.bcryptHash("changed elsewhere"));
      statement.setString(2, user);
      statement.executeUpdate();
    }
    createDataset(user, Api.PASSWORD, provider, 201);
    createDataset(user, "changed elsewhere", provider, 201);
  }

  /** New hashes take the configured bcrypt cost (4 in the tests, 10 by default). */
  @Test
  void aNewPasswordIsHashedAtTheConfiguredCost() throws SQLException {
    String user = Api.newUser(Api.newProvider(), Role.SUBMITTER);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
      statement.setString(1, user);
      try (var rs = statement.executeQuery()) {
        rs.next();
        org.assertj.core.api.Assertions.assertThat(rs.getString(1)).startsWith("$2a$04$");
      }
    }
  }

  /** bcrypt ignores what comes after 72 bytes: such a password is refused, not truncated. */
  @Test
  void aPasswordOver72BytesOfUtf8IsRefused() {
    createUser("a".repeat(73))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.contains("password"));
    createUser("é".repeat(37)) // 37 characters, 74 bytes
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.contains("password"));
    createUser("é".repeat(36)).then().statusCode(201); // 72 bytes
    createUser("a".repeat(72)).then().statusCode(201);
  }

  private static io.restassured.response.Response createUser(String password) {
    return given()
        .auth()
        .preemptive()
        .basic(Api.ADMIN, Api.ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "username",
                "long" + System.nanoTime(),
                "password",
                password,
                "roles",
                java.util.List.of(Role.ADMIN)))
        .post("/api/v1/users");
  }

  private static void createDataset(String user, String password, String provider, int status) {
    given()
        .auth()
        .preemptive()
        .basic(user, password)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "providerId", provider,
                "title", "Password check",
                "sourceKind", "SURVEY",
                "periodBasis", "CALENDAR_YEAR"))
        .post("/api/v1/datasets")
        .then()
        .statusCode(status);
  }
}
