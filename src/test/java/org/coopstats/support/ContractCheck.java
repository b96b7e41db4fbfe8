package org.coopstats.support;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts {@link ContractFilter} in front of every RestAssured request of every test class; registered
 * for all tests through JUnit's extension auto-detection, which quarkus-junit switches on
 * (META-INF/services in src/test/resources).
 */
public final class ContractCheck implements BeforeAllCallback {

  private static final ContractFilter FILTER = new ContractFilter();

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!RestAssured.filters().contains(FILTER)) {
      RestAssured.filters(FILTER);
    }
  }
}
