package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded server's binaries are chosen by the JVM's os.name and os.arch. */
class PostgresPlatformTest {

  @ParameterizedTest
  @CsvSource({
    // the values JDKs report on each machine
    "Linux, amd64, postgres-linux-x86_64.txz",
    "Linux, x86_64, postgres-linux-x86_64.txz",
    "Linux, aarch64, postgres-linux-arm_64.txz",
    "Mac OS X, x86_64, postgres-darwin-x86_64.txz",
    "Mac OS X, aarch64, postgres-darwin-x86_64.txz",
    "Darwin, arm64, postgres-darwin-x86_64.txz"
  })
  void eachCommonDeveloperMachineGetsBinariesThatRunOnIt(String os, String arch, String archive) {
    assertThat(PostgresPlatform.of(os, arch).archive()).isEqualTo(archive);
  }

  @ParameterizedTest
  @CsvSource({"Windows 11, amd64", "Linux, ppc64le", "Linux, x86", "Linux, arm", "FreeBSD, amd64"})
  void otherMachinesAreToldToConfigureADatasource(String os, String arch) {
    assertThatThrownBy(() -> PostgresPlatform.of(os, arch))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(os)
        .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL");
  }
}
