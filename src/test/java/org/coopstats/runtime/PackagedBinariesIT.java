package org.coopstats.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged app carries PostgreSQL binaries for every platform {@link PostgresPlatform} can
 * choose, once each (zonky refuses duplicates), and its macOS archive runs on both Macs.
 */
class PackagedBinariesIT {

  private static final Path LIBRARIES = Path.of("target/quarkus-app/lib/main");

  // Mach-O: a universal ("fat") file starts 0xCAFEBABE, then its slices' CPU types
  private static final int FAT_MAGIC = 0xCAFEBABE;
  private static final int CPU_X86_64 = 0x01000007;
  private static final int CPU_ARM64 = 0x0100000C;

  @Test
  void everyPlatformsArchiveIsPackagedOnce() throws IOException {
    for (PostgresPlatform platform : PostgresPlatform.values()) {
      assertThat(jarsHolding(platform.archive())).as(platform.archive()).hasSize(1);
    }
  }

  @Test
  void theMacArchiveRunsOnIntelAndAppleSilicon() throws IOException {
    String archive = PostgresPlatform.MACOS_UNIVERSAL.archive();
    Path jar = jarsHolding(archive).get(0);
    try (JarFile file = new JarFile(jar.toFile());
        InputStream xz = file.getInputStream(file.getJarEntry(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(xz))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.getName().replaceFirst("^\\./", "").equals("bin/postgres")) {
          assertThat(cpuTypes(tar)).contains(CPU_X86_64, CPU_ARM64);
          return;
        }
      }
    }
    throw new AssertionError("no bin/postgres in " + archive);
  }

  private static Set<Integer> cpuTypes(InputStream binary) throws IOException {
    DataInputStream in = new DataInputStream(binary);
    assertThat(in.readInt()).as("a universal Mach-O binary").isEqualTo(FAT_MAGIC);
    int slices = in.readInt();
    Set<Integer> types = new HashSet<>();
    for (int i = 0; i < slices; i++) {
      types.add(in.readInt()); // cputype; then cpusubtype, offset, size, align
      in.skipNBytes(16);
    }
    return types;
  }

  private static List<Path> jarsHolding(String resource) throws IOException {
    List<Path> holding = new ArrayList<>();
    try (Stream<Path> jars = Files.list(LIBRARIES)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (JarFile file = new JarFile(jar.toFile())) {
          if (file.getJarEntry(resource) != null) {
            holding.add(jar);
          }
        }
      }
    }
    return holding;
  }
}
