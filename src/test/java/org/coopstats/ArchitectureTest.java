package org.coopstats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package structure, read from the compiled classes of src/main. Packages are features; their
 * dependencies point one way, from the top down:
 *
 * <pre>
 *   runtime, health, demo
 *   sdmx
 *   query, upload                 (upload also uses consistency)
 *   dataset
 *   provider
 *   audit
 *   security
 *   consistency -> validation -> catalog      (the domain core)
 *   common
 * </pre>
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.coopstats");

  /**
   * Classes outside a resource or a request-parameter bean that still speak JAX-RS: they build
   * responses (negotiation, ETags, reports as CSV) for their resource. Known debt of issue #13: the
   * list may only shrink, and the test fails when one of them no longer needs to be here.
   */
  private static final Set<String> RESPONSE_BUILDERS =
      Set.of(
          "org.coopstats.query.ObservationResponses",
          "org.coopstats.query.DataValidators",
          "org.coopstats.sdmx.SdmxService",
          "org.coopstats.sdmx.SdmxFormats",
          "org.coopstats.upload.ValidationReports");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.coopstats.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theDomainCoreDependsOnNothingAboveIt() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "org.coopstats.catalog..",
                "org.coopstats.validation..",
                "org.coopstats.consistency..")
            .and()
            .haveSimpleNameNotEndingWith("Resource")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.coopstats.security..",
                "org.coopstats.audit..",
                "org.coopstats.provider..",
                "org.coopstats.dataset..",
                "org.coopstats.upload..",
                "org.coopstats.query..",
                "org.coopstats.sdmx..",
                "org.coopstats.demo..",
                "org.coopstats.runtime..",
                "jakarta.ws.rs..");
    rule.check(MAIN);
  }

  @Test
  void commonDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("org.coopstats.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.coopstats.catalog..",
            "org.coopstats.validation..",
            "org.coopstats.consistency..",
            "org.coopstats.security..",
            "org.coopstats.audit..",
            "org.coopstats.provider..",
            "org.coopstats.dataset..",
            "org.coopstats.upload..",
            "org.coopstats.query..",
            "org.coopstats.sdmx..")
        .check(MAIN);
  }

  @Test
  void securityKnowsNoFeatureThatUsesIt() {
    noClasses()
        .that()
        .resideInAPackage("org.coopstats.security..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.coopstats.audit..",
            "org.coopstats.provider..",
            "org.coopstats.dataset..",
            "org.coopstats.upload..",
            "org.coopstats.query..",
            "org.coopstats.sdmx..")
        .check(MAIN);
  }

  /**
   * JAX-RS is the HTTP layer's: resources (@Path), their parameter beans, the HTTP helpers of
   * common, and the listed response builders. Services take and return domain values.
   */
  @Test
  void onlyTheHttpLayerSpeaksJaxRs() {
    Set<String> speaking = new TreeSet<>();
    for (JavaClass type : MAIN) {
      boolean usesJaxRs =
          type.getDirectDependenciesFromSelf().stream()
              .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("jakarta.ws.rs"));
      if (usesJaxRs && !isHttpLayer(type)) {
        speaking.add(outermost(type).getName());
      }
    }
    assertThat(speaking)
        .as("classes outside the HTTP layer that use JAX-RS")
        .containsExactlyInAnyOrderElementsOf(RESPONSE_BUILDERS);
  }

  private static boolean isHttpLayer(JavaClass type) {
    JavaClass outer = outermost(type);
    return outer.isAnnotatedWith("jakarta.ws.rs.Path")
        || outer.getPackageName().equals("org.coopstats.common")
        || isParameterBean(outer);
  }

  /** A @BeanParam class: its fields are bound from the request (@QueryParam and the like). */
  private static boolean isParameterBean(JavaClass type) {
    return type.getAllFields().stream()
        .anyMatch(
            f ->
                f.isAnnotatedWith("jakarta.ws.rs.QueryParam")
                    || f.isAnnotatedWith("jakarta.ws.rs.PathParam")
                    || f.isAnnotatedWith("jakarta.ws.rs.HeaderParam"));
  }

  private static JavaClass outermost(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }
}
