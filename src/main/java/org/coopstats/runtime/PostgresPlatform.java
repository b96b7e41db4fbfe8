package org.coopstats.runtime;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Which of zonky's PostgreSQL archives, shipped inside the app, runs on this machine. Chosen here
 * from {@code os.name} and {@code os.arch} rather than by zonky's resolver, so that the choice is
 * ours to test and one macOS archive serves both Macs: zonky's darwin archives (x86_64 and arm_64)
 * are the same universal binaries, so only one is packaged ({@code PackagedBinariesIT} checks that
 * it holds both architectures).
 */
public enum PostgresPlatform {
  LINUX_X86_64("postgres-linux-x86_64.txz"),
  LINUX_ARM_64("postgres-linux-arm_64.txz"),
  MACOS_UNIVERSAL("postgres-darwin-x86_64.txz");

  private final String archive;

  PostgresPlatform(String archive) {
    this.archive = archive;
  }

  /** The classpath resource holding this platform's binaries. */
  public String archive() {
    return archive;
  }

  /** The platform of this JVM. */
  public static PostgresPlatform current() {
    return of(System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * The platform for the JVM's {@code os.name} and {@code os.arch}.
   *
   * @throws IllegalStateException for a machine no packaged binaries run on
   */
  public static PostgresPlatform of(String osName, String osArch) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
    boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    if (os.startsWith("linux") && x86) {
      return LINUX_X86_64;
    }
    if (os.startsWith("linux") && arm) {
      return LINUX_ARM_64;
    }
    if ((os.startsWith("mac") || os.startsWith("darwin")) && (x86 || arm)) {
      return MACOS_UNIVERSAL;
    }
    throw new IllegalStateException(
        "no embedded PostgreSQL for "
            + osName
            + " on "
            + osArch
            + " (it ships for Linux and macOS, x86-64 and arm64): configure a datasource"
            + " (QUARKUS_DATASOURCE_JDBC_URL)");
  }

  /** Hands zonky this machine's archive, whatever system name zonky has worked out. */
  static final PgBinaryResolver RESOLVER =
      (system, machineHardware) -> {
        String archive = current().archive();
        InputStream binaries = PostgresPlatform.class.getClassLoader().getResourceAsStream(archive);
        if (binaries == null) {
          throw new IOException(archive + " is missing from the application");
        }
        return binaries;
      };
}
