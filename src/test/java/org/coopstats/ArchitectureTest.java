package org.coopstats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package structure, read from the compiled classes of src/main. Packages are features, ranked
 * from the bottom (see {@link #RANKS} and docs/architecture.md); each uses only lower ranks:
 *
 * <pre>
 *   7  runtime, health, demo
 *   6  sdmx, table
 *   5  query, upload
 *   4  dataset
 *   3  provider, consistency, observation
 *   2  audit, validation
 *   1  security, catalog, disclosure
 *   0  common
 * </pre>
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.coopstats");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.coopstats.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * Each feature package's rank, from the bottom: a package may use only packages of a lower rank,
   * so peers (query and upload, say) do not know each other either.
   */
  private static final Map<String, Integer> RANKS =
      Map.ofEntries(
          Map.entry("common", 0),
          Map.entry("catalog", 1),
          Map.entry("disclosure", 1),
          Map.entry("security", 1),
          Map.entry("validation", 2),
          Map.entry("audit", 2),
          Map.entry("consistency", 3),
          Map.entry("provider", 3),
          Map.entry("observation", 3),
          Map.entry("dataset", 4),
          Map.entry("query", 5),
          Map.entry("upload", 5),
          Map.entry("sdmx", 7),
          Map.entry("tabulation", 7),
          Map.entry("indicator", 6),
          Map.entry("table", 6),
          Map.entry("register", 6),
          Map.entry("demo", 8),
          Map.entry("runtime", 8),
          Map.entry("health", 8));

  private static final List<String> DOMAIN_CORE = List.of("catalog", "validation", "consistency");

  @Test
  void everyFeaturePackageHasARank() {
    Set<String> features = new TreeSet<>();
    MAIN.forEach(type -> features.add(feature(type.getPackageName())));
    assertThat(RANKS.keySet()).containsExactlyInAnyOrderElementsOf(features);
  }

  @Test
  void packagesUseOnlyPackagesOfALowerRank() {
    for (Map.Entry<String, Integer> feature : RANKS.entrySet()) {
      String[] notBelow =
          RANKS.entrySet().stream()
              .filter(other -> other.getValue() >= feature.getValue())
              .filter(other -> !other.getKey().equals(feature.getKey()))
              .map(other -> "org.coopstats." + other.getKey() + "..")
              .toArray(String[]::new);
      if (notBelow.length > 0) {
        noClasses()
            .that()
            .resideInAPackage("org.coopstats." + feature.getKey() + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(notBelow)
            .check(MAIN);
      }
    }
  }

  /** The domain core knows nothing but itself and common: no users, datasets or HTTP. */
  @Test
  void theDomainCoreKnowsOnlyItselfAndCommon() {
    String[] core =
        DOMAIN_CORE.stream().map(p -> "org.coopstats." + p + "..").toArray(String[]::new);
    String[] outside =
        RANKS.keySet().stream()
            .filter(p -> !DOMAIN_CORE.contains(p) && !p.equals("common"))
            .map(p -> "org.coopstats." + p + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(core)
        .and()
        .haveSimpleNameNotEndingWith("Resource")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(outside)
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.ws.rs..")
        .check(MAIN);
  }

  private static String feature(String packageName) {
    String rest = packageName.substring("org.coopstats.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * JAX-RS is the HTTP layer's: resources (@Path), their parameter beans, the HTTP helpers of
   * common, and a feature's {@code http} sub-package (the HTTP its resources share, such as the
   * negotiation and paging of the two observation query endpoints). Services take and return domain
   * values.
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
    assertThat(speaking).as("classes outside the HTTP layer that use JAX-RS").isEmpty();
  }

  private static boolean isHttpLayer(JavaClass type) {
    JavaClass outer = outermost(type);
    return outer.isAnnotatedWith("jakarta.ws.rs.Path")
        || outer.getPackageName().equals("org.coopstats.common")
        || isHttpSubPackage(outer.getPackageName())
        || isParameterBean(outer);
  }

  private static boolean isHttpSubPackage(String packageName) {
    return packageName.matches("org\\.coopstats\\.[a-z]+\\.http");
  }

  /** A feature's http sub-package serves the resources of that feature, and nothing else. */
  @Test
  void httpSubPackagesServeOnlyTheirFeaturesResources() {
    Set<String> misuses = new TreeSet<>();
    for (JavaClass type : MAIN) {
      JavaClass outer = outermost(type);
      String feature = feature(outer.getPackageName());
      boolean mayUse =
          outer.isAnnotatedWith("jakarta.ws.rs.Path") || isHttpSubPackage(outer.getPackageName());
      type.getDirectDependenciesFromSelf().stream()
          .map(d -> d.getTargetClass().getPackageName())
          .filter(ArchitectureTest::isHttpSubPackage)
          .filter(target -> !mayUse || !feature(target).equals(feature))
          .forEach(target -> misuses.add(outer.getName() + " -> " + target));
    }
    assertThat(misuses).as("uses of an http sub-package outside its feature's resources").isEmpty();
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
