package org.coopstats.sdmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coopstats.catalog.Catalog;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.ProblemException;

/**
 * Selects the artefacts of a structure query ({@code /{type}/{agency}/{id}/{version}}) and those
 * its {@code references} parameter adds. Every data structure has one dataflow of the same id.
 */
final class SdmxStructures {

  enum Type {
    DATAFLOW,
    DATASTRUCTURE,
    CODELIST,
    CONCEPTSCHEME
  }

  private SdmxStructures() {}

  static boolean matches(String wanted, String actual) {
    return wanted == null || wanted.isEmpty() || wanted.equals("all") || wanted.equals(actual);
  }

  static boolean matchesVersion(String wanted, String actual) {
    return wanted == null
        || wanted.isEmpty()
        || wanted.equals("all")
        || wanted.equals("latest")
        || wanted.equals("*")
        || wanted.equals(actual);
  }

  static SdmxStructureWriter.Content select(
      Catalog catalog,
      Type type,
      String agency,
      String id,
      String version,
      String references,
      String detail) {
    if (detail != null && !detail.equals("full")) {
      throw SdmxDataRequest.notImplemented(
          "detail=" + detail + " is not supported for structures: only full.");
    }
    String refs = references == null ? "none" : references.toLowerCase(Locale.ROOT);
    List<DataStructure> flows = new ArrayList<>();
    List<DataStructure> structures = new ArrayList<>();
    List<DataStructure> schemes = new ArrayList<>();
    Map<String, CodeList> codeLists = new LinkedHashMap<>();
    List<DataStructure> all = catalog.structures().values().stream().toList();
    boolean found = false;
    switch (type) {
      case DATAFLOW, DATASTRUCTURE, CONCEPTSCHEME -> {
        for (DataStructure structure : all) {
          String artefactId =
              type == Type.CONCEPTSCHEME
                  ? SdmxStructureWriter.conceptSchemeId(structure)
                  : structure.id();
          if (!matches(agency, structure.agency())
              || !matches(id, artefactId)
              || !matchesVersion(version, structure.version())) {
            continue;
          }
          found = true;
          switch (type) {
            case DATAFLOW -> {
              flows.add(structure);
              switch (refs) {
                case "none" -> {}
                case "children", "datastructure" -> structures.add(structure);
                case "descendants", "all" -> {
                  structures.add(structure);
                  schemes.add(structure);
                  addCodeLists(structure, codeLists);
                }
                case "codelist" -> addCodeLists(structure, codeLists);
                case "conceptscheme" -> schemes.add(structure);
                case "parents", "parentsandsiblings" -> {}
                default -> throw unsupportedReferences(refs);
              }
            }
            case DATASTRUCTURE -> {
              structures.add(structure);
              switch (refs) {
                case "none" -> {}
                case "children", "descendants" -> {
                  schemes.add(structure);
                  addCodeLists(structure, codeLists);
                }
                case "all" -> {
                  flows.add(structure);
                  schemes.add(structure);
                  addCodeLists(structure, codeLists);
                }
                case "parents", "dataflow" -> flows.add(structure);
                case "codelist" -> addCodeLists(structure, codeLists);
                case "conceptscheme" -> schemes.add(structure);
                case "parentsandsiblings" -> {
                  flows.add(structure);
                  schemes.add(structure);
                  addCodeLists(structure, codeLists);
                }
                default -> throw unsupportedReferences(refs);
              }
            }
            default -> {
              schemes.add(structure);
              switch (refs) {
                case "none", "children", "descendants" -> {}
                case "parents", "all", "datastructure" -> structures.add(structure);
                default -> throw unsupportedReferences(refs);
              }
            }
          }
        }
      }
      case CODELIST -> {
        for (CodeList list : catalog.codeLists().values()) {
          if (!matches(agency, list.agency())
              || !matches(id, list.id())
              || !matchesVersion(version, list.version())) {
            continue;
          }
          found = true;
          codeLists.put(list.agency() + ":" + list.id(), list);
          switch (refs) {
            case "none", "children", "descendants" -> {}
            case "parents", "all", "datastructure", "parentsandsiblings" -> {
              for (DataStructure structure : all) {
                if (structure.codeLists().containsKey(list.id())
                    && !structures.contains(structure)) {
                  structures.add(structure);
                }
              }
            }
            default -> throw unsupportedReferences(refs);
          }
        }
      }
      default -> throw new IllegalStateException(type.name());
    }
    if (!found) {
      throw ProblemException.notFound(
          "No "
              + type.name().toLowerCase(Locale.ROOT)
              + " matches agency '"
              + (agency == null ? "all" : agency)
              + "', id '"
              + (id == null ? "all" : id)
              + "', version '"
              + (version == null ? "latest" : version)
              + "'.");
    }
    return new SdmxStructureWriter.Content(flows, structures, schemes, codeLists.values());
  }

  private static void addCodeLists(DataStructure structure, Map<String, CodeList> codeLists) {
    List<String> ids = new ArrayList<>();
    for (DimensionDef dimension : structure.dimensions()) {
      if (dimension.codeListId() != null) {
        ids.add(dimension.codeListId());
      }
    }
    structure.attributes().stream()
        .filter(a -> a.codeListId() != null)
        .forEach(a -> ids.add(a.codeListId()));
    for (String listId : ids) {
      CodeList list = structure.codeList(listId);
      codeLists.putIfAbsent(list.agency() + ":" + list.id(), list);
    }
  }

  private static ProblemException unsupportedReferences(String refs) {
    return SdmxDataRequest.notImplemented(
        "references="
            + refs
            + " is not supported here: use none, parents, children, descendants, all, or one of"
            + " dataflow, datastructure, conceptscheme, codelist.");
  }
}
