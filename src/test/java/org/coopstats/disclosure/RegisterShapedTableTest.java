package org.coopstats.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A table of a synthetic register shaped like a real one (bench/register-gen.py, 10,000 units, seed
 * 1): liabilities by type × ISIC section, with margins. One multi-stakeholder cooperative in arts
 * (R) makes 95 % of its cell, whose other partners are small: the closure and the greedy repair
 * left it narrowed to within 5 million of its 174 million (protection: 20 million).
 */
class RegisterShapedTableTest {

  @Test
  void aDominantCellWithSmallPartnersIsProtectedByARectangleOfLargeEnoughCells()
      throws IOException {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Cell> cells = read(index);
    List<String> types = new ArrayList<>();
    List<String> activities = new ArrayList<>();
    index
        .keySet()
        .forEach(
            key -> {
              String[] parts = key.split("\\|");
              if (!types.contains(parts[0])) {
                types.add(parts[0]);
              }
              if (!activities.contains(parts[1])) {
                activities.add(parts[1]);
              }
            });
    List<Relation> relations = new ArrayList<>();
    for (String t : types) {
      relations.add(relation(index, t + "|_T", activities.stream().skip(1).map(a -> t + "|" + a)));
    }
    for (String a : activities) {
      relations.add(relation(index, "_T|" + a, types.stream().skip(1).map(t -> t + "|" + a)));
    }

    ProtectionResult result =
        Protection.protect(new ProtectionProblem(cells, relations, DisclosureSettings.DEFAULTS));

    assertThat(result.failures()).isEmpty();
    CellOutcome dominant = result.outcomes().get(index.get("MULTI|R"));
    assertThat(dominant.status()).isEqualTo(Status.DOMINANCE);
    double value = cells.get(index.get("MULTI|R")).value();
    assertThat(dominant.high()).isGreaterThanOrEqualTo(value + dominant.upperProtection() * 0.999);
    assertThat(dominant.low()).isLessThanOrEqualTo(value - dominant.lowerProtection() * 0.999);
    // the grand total and the type and section totals stay published
    assertThat(result.outcomes().get(index.get("_T|_T")).status().suppressed()).isFalse();
    assertThat(result.secondary()).isLessThan(result.primary());
  }

  private static Relation relation(
      Map<String, Integer> index, String total, java.util.stream.Stream<String> parts) {
    return new Relation(index.get(total), parts.mapToInt(index::get).toArray());
  }

  private static List<Cell> read(Map<String, Integer> index) throws IOException {
    List<Cell> cells = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    RegisterShapedTableTest.class.getResourceAsStream(
                        "/disclosure/liabilities-type-activity.csv")),
                StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        String id = f[0] + "|" + f[1];
        long contributors = Long.parseLong(f[3]);
        double[] largest =
            contributors >= 2
                ? new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])}
                : contributors == 1 ? new double[] {Double.parseDouble(f[4])} : new double[0];
        index.put(id, cells.size());
        cells.add(
            new Cell(
                id,
                CellKind.MONEY,
                Double.parseDouble(f[2]),
                true,
                new Contributions(contributors, largest, Double.parseDouble(f[6])),
                null,
                false));
      }
    }
    return cells;
  }
}
