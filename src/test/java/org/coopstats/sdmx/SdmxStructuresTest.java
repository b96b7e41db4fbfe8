package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.coopstats.catalog.Catalog;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.support.TestStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a structure query selects for each artefact type and value of {@code references}: F for the
 * dataflow, S the data structure, C the concept scheme, L code lists (the structure's, or for a
 * code list query the list asked for), and 501 for a value not offered with that type.
 */
class SdmxStructuresTest {

  private final DataStructure structure = TestStructure.coopStats();
  private final Catalog catalog = catalog(structure);

  @ParameterizedTest(name = "{0}?references={1} -> {2}")
  @CsvSource({
    "DATAFLOW, none, F",
    "DATAFLOW, parents, F",
    "DATAFLOW, parentsandsiblings, F",
    "DATAFLOW, children, F S",
    "DATAFLOW, datastructure, F S",
    "DATAFLOW, descendants, F S C L",
    "DATAFLOW, all, F S C L",
    "DATAFLOW, ALL, F S C L",
    "DATAFLOW, codelist, F L",
    "DATAFLOW, conceptscheme, F C",
    "DATAFLOW, dataflow, 501",
    "DATASTRUCTURE, none, S",
    "DATASTRUCTURE, children, S C L",
    "DATASTRUCTURE, descendants, S C L",
    "DATASTRUCTURE, all, F S C L",
    "DATASTRUCTURE, parentsandsiblings, F S C L",
    "DATASTRUCTURE, parents, F S",
    "DATASTRUCTURE, dataflow, F S",
    "DATASTRUCTURE, codelist, S L",
    "DATASTRUCTURE, conceptscheme, S C",
    "DATASTRUCTURE, datastructure, 501",
    "CONCEPTSCHEME, none, C",
    "CONCEPTSCHEME, children, C",
    "CONCEPTSCHEME, descendants, C",
    "CONCEPTSCHEME, parents, S C",
    "CONCEPTSCHEME, all, S C",
    "CONCEPTSCHEME, datastructure, S C",
    "CONCEPTSCHEME, parentsandsiblings, 501",
    "CONCEPTSCHEME, codelist, 501",
    "CODELIST, none, L",
    "CODELIST, children, L",
    "CODELIST, descendants, L",
    "CODELIST, parents, S L",
    "CODELIST, all, S L",
    "CODELIST, datastructure, S L",
    "CODELIST, parentsandsiblings, S L",
    "CODELIST, codelist, 501",
  })
  void referencesAddTheirParts(SdmxStructures.Type type, String references, String expected) {
    String id =
        switch (type) {
          case CODELIST -> "CL_SEX";
          case CONCEPTSCHEME -> "CS_COOP_STATS";
          default -> "COOP_STATS";
        };
    if (expected.equals("501")) {
      assertThatThrownBy(() -> select(type, id, references))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(501));
      return;
    }
    SdmxStructureWriter.Content content = select(type, id, references);
    assertThat(String.join(" ", parts(content))).isEqualTo(expected);
    assertThat(content.dataflows()).allMatch(structure::equals);
    assertThat(content.structures()).allMatch(structure::equals);
    assertThat(content.conceptSchemes()).allMatch(structure::equals);
    if (type == SdmxStructures.Type.CODELIST) {
      assertThat(content.codeLists()).extracting(CodeList::id).containsExactly("CL_SEX");
    } else if (expected.contains("L")) {
      // Each list of a dimension or an attribute, once; CL_CURRENCY is only a measure's unit.
      assertThat(content.codeLists())
          .extracting(CodeList::id)
          .doesNotHaveDuplicates()
          .contains("CL_AREA", "CL_SEX", "CL_OBS_STATUS", "CL_UNIT_MULT")
          .doesNotContain("CL_CURRENCY");
    }
  }

  @Test
  void nothingFoundIsA404BeforeAnyCheckOfReferences() {
    assertThatThrownBy(() -> select(SdmxStructures.Type.DATAFLOW, "NO_SUCH_FLOW", "dataflow"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "No dataflow matches agency 'all', id 'NO_SUCH_FLOW', version 'latest'.");
            });
  }

  @Test
  void onlyFullDetailIsOffered() {
    assertThatThrownBy(
            () ->
                SdmxStructures.select(
                    catalog, SdmxStructures.Type.DATAFLOW, null, null, null, null, "allstubs"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(501));
  }

  @Test
  void everyArtefactOfATypeWhenNoneIsNamed() {
    SdmxStructureWriter.Content content =
        SdmxStructures.select(
            catalog, SdmxStructures.Type.CODELIST, "all", null, "latest", null, null);
    assertThat(content.codeLists()).hasSize(catalog.codeLists().size());
    assertThat(content.structures()).isEmpty();
  }

  private SdmxStructureWriter.Content select(
      SdmxStructures.Type type, String id, String references) {
    return SdmxStructures.select(catalog, type, null, id, null, references, null);
  }

  private static TreeSet<String> parts(SdmxStructureWriter.Content content) {
    TreeSet<String> parts =
        new TreeSet<>((a, b) -> Integer.compare("FSCL".indexOf(a), "FSCL".indexOf(b)));
    if (!content.dataflows().isEmpty()) {
      parts.add("F");
    }
    if (!content.structures().isEmpty()) {
      parts.add("S");
    }
    if (!content.conceptSchemes().isEmpty()) {
      parts.add("C");
    }
    if (!content.codeLists().isEmpty()) {
      parts.add("L");
    }
    return parts;
  }

  private static Catalog catalog(DataStructure structure) {
    Map<String, CodeList> lists = new LinkedHashMap<>(structure.codeLists());
    return new Catalog(lists, Map.of(structure.id(), structure));
  }
}
