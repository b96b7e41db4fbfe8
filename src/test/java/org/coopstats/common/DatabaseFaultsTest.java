package org.coopstats.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.QueryTimeoutException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** How failures that come from the database, not from the request, are answered. */
class DatabaseFaultsTest {

  private final ProblemMappers mappers = new ProblemMappers();

  @Test
  void aStatementCancelledAtTheTransactionTimeoutIsA503WithRetryAfter() {
    // what Hibernate throws when the transaction's timeout cancels a statement waiting for a lock
    RuntimeException e =
        new QueryTimeoutException(
            "could not execute statement",
            new PSQLException("canceling statement due to user request", PSQLState.QUERY_CANCELED));
    Response response = mappers.unexpected(e, null);
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isNotBlank();
    assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
  }

  @Test
  void aLockNotAvailableIsA503() {
    RuntimeException e =
        new RuntimeException(new java.sql.SQLException("could not obtain lock on row", "55P03"));
    assertThat(ProblemMappers.isTimedOut(e)).isTrue();
  }

  @Test
  void otherStatementFailuresAreNotTimeouts() {
    RuntimeException e =
        new RuntimeException(new PSQLException("syntax error", PSQLState.SYNTAX_ERROR));
    assertThat(ProblemMappers.isTimedOut(e)).isFalse();
    assertThat(mappers.unexpected(e, null).getStatus()).isEqualTo(500);
  }
}
