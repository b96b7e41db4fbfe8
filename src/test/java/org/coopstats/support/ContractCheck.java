package org.coopstats.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts {@link ContractFilter} (our contract) and {@link SdmxContractFilter} (the official SDMX REST
 * descriptions, for the SDMX APIs) in front of every RestAssured request of every test.
 * A @QuarkusTest runs in Quarkus's class loader, with a RestAssured of its own, so the filter is
 * installed there by Quarkus's before-each callback; other tests (the packaged-app ITs) get it from
 * JUnit's extension auto-detection, which quarkus-junit switches on. Both are registered in
 * src/test/resources/META-INF/services.
 */
public final class ContractCheck implements BeforeAllCallback, QuarkusTestBeforeEachCallback {

  private static final ContractFilter FILTER = new ContractFilter();
  private static final SdmxContractFilter SDMX_FILTER = new SdmxContractFilter();

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    install();
  }

  private static synchronized void install() {
    if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
      RestAssured.filters(FILTER);
    }
    if (RestAssured.filters().stream().noneMatch(SdmxContractFilter.class::isInstance)) {
      RestAssured.filters(SDMX_FILTER);
    }
  }
}
