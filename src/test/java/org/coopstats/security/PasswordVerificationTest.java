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
