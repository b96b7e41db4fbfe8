package org.coopstats.sdmx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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

  /** A part of a structure message: what a query selects, and what its references add. */
  private enum Part {
    DATAFLOWS,
    STRUCTURES,
    CONCEPT_SCHEMES,
    CODE_LISTS
  }

  /**
   * A type of artefact, with the id it has in each data structure and, for each value of {@code
   * references} (several names may share one), the parts it adds. A code list's references add the
   * data structures that use it; the other types' add the parts of their own structure.
   */
  enum Type {
    DATAFLOW(
        Part.DATAFLOWS,
        DataStructure::id,
        Map.of(
            "none parents parentsandsiblings", parts(),
            "children datastructure", parts(Part.STRUCTURES),
            "descendants all", parts(Part.STRUCTURES, Part.CONCEPT_SCHEMES, Part.CODE_LISTS),
            "codelist", parts(Part.CODE_LISTS),
            "conceptscheme", parts(Part.CONCEPT_SCHEMES))),
    DATASTRUCTURE(
        Part.STRUCTURES,
        DataStructure::id,
        Map.of(
            "none", parts(),
            "children descendants", parts(Part.CONCEPT_SCHEMES, Part.CODE_LISTS),
            "all parentsandsiblings", parts(Part.DATAFLOWS, Part.CONCEPT_SCHEMES, Part.CODE_LISTS),
            "parents dataflow", parts(Part.DATAFLOWS),
            "codelist", parts(Part.CODE_LISTS),
            "conceptscheme", parts(Part.CONCEPT_SCHEMES))),
    CODELIST(
        Part.CODE_LISTS,
        null,
        Map.of(
            "none children descendants", parts(),
            "parents all datastructure parentsandsiblings", parts(Part.STRUCTURES))),
    CONCEPTSCHEME(
        Part.CONCEPT_SCHEMES,
        SdmxStructureWriter::conceptSchemeId,
        Map.of(
            "none children descendants", parts(),
            "parents all datastructure", parts(Part.STRUCTURES)));

    private final Part part;
    private final Function<DataStructure, String> artefactId;
    private final Map<String, Set<Part>> references = new HashMap<>();

    Type(
        Part part,
        Function<DataStructure, String> artefactId,
        Map<String, Set<Part>> referencesByNames) {
      this.part = part;
      this.artefactId = artefactId;
      referencesByNames.forEach(
          (names, parts) -> {
            for (String name : names.split(" ")) {
              references.put(name, parts);
            }
          });
    }

    private Set<Part> referenced(String refs) {
      Set<Part> parts = references.get(refs);
      if (parts == null) {
        throw unsupportedReferences(refs);
      }
      return parts;
    }
  }

  /** The artefacts of a structure message, gathered part by part. */
  private static final class Message {
    private final List<DataStructure> flows = new ArrayList<>();
    private final List<DataStructure> structures = new ArrayList<>();
    private final List<DataStructure> schemes = new ArrayList<>();
    private final Map<String, CodeList> codeLists = new LinkedHashMap<>();

    /** Adds a part of a structure: itself as a dataflow, a structure or a scheme, or its lists. */
    void add(Part part, DataStructure structure) {
      switch (part) {
        case DATAFLOWS -> flows.add(structure);
        case STRUCTURES -> structures.add(structure);
        case CONCEPT_SCHEMES -> schemes.add(structure);
        case CODE_LISTS -> addCodeLists(structure, codeLists);
      }
    }

    void add(CodeList list) {
      codeLists.put(list.agency() + ":" + list.id(), list);
    }

    void addStructuresUsing(CodeList list, Collection<DataStructure> all) {
      for (DataStructure structure : all) {
        if (structure.codeLists().containsKey(list.id()) && !structures.contains(structure)) {
          structures.add(structure);
        }
      }
    }

    SdmxStructureWriter.Content content() {
      return new SdmxStructureWriter.Content(flows, structures, schemes, codeLists.values());
    }
  }

  private SdmxStructures() {}

  /**
   * Whether an agency or id of a query names {@code actual}: nothing, {@code all} or {@code *}
   * names any; several may be given, separated by {@code ,} (SDMX REST 2.x) or {@code +} (2.1).
   */
  static boolean matches(String wanted, String actual) {
    if (wanted == null || wanted.isEmpty() || wanted.equals("all") || wanted.equals("*")) {
      return true;
    }
    for (String one : wanted.split("[,+]", -1)) {
      if (one.equals(actual) || one.equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a version of a query names {@code actual}: see {@link SdmxVersions}. */
  static boolean matchesVersion(String wanted, String actual) {
    return wanted == null || wanted.equals("all") || SdmxVersions.matches(wanted, actual);
  }

  /**
   * The artefacts of one type that match agency, id and version (404 when none does), with those
   * their {@code references} add (501 for a value not offered).
   */
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
    Wanted wanted = new Wanted(type, agency, id, version);
    String refs = references == null ? "none" : references.toLowerCase(Locale.ROOT);
    Message message = new Message();
    if (type == Type.CODELIST) {
      selectCodeLists(catalog, wanted, refs, message);
    } else {
      selectStructures(catalog, wanted, refs, message);
    }
    return message.content();
  }

  private static void selectCodeLists(
      Catalog catalog, Wanted wanted, String refs, Message message) {
    List<CodeList> lists =
        catalog.codeLists().values().stream()
            .filter(list -> wanted.matches(list.agency(), list.id(), list.version()))
            .toList();
    Set<Part> referenced = wanted.found(lists).referenced(refs);
    for (CodeList list : lists) {
      message.add(list);
      if (referenced.contains(Part.STRUCTURES)) {
        message.addStructuresUsing(list, catalog.structures().values());
      }
    }
  }

  private static void selectStructures(
      Catalog catalog, Wanted wanted, String refs, Message message) {
    Type type = wanted.type();
    List<DataStructure> structures =
        catalog.structures().values().stream()
            .filter(s -> wanted.matches(s.agency(), type.artefactId.apply(s), s.version()))
            .toList();
    Set<Part> referenced = wanted.found(structures).referenced(refs);
    for (DataStructure structure : structures) {
      message.add(type.part, structure);
      referenced.forEach(part -> message.add(part, structure));
    }
  }

  /** The path of a structure query: a type, and an agency, id and version (null for all). */
  private record Wanted(Type type, String agency, String id, String version) {

    boolean matches(String artefactAgency, String artefactId, String artefactVersion) {
      return SdmxStructures.matches(agency, artefactAgency)
          && SdmxStructures.matches(id, artefactId)
          && matchesVersion(version, artefactVersion);
    }

    /** The type of the artefacts found: a 404 when there are none. */
    Type found(List<?> artefacts) {
      if (artefacts.isEmpty()) {
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
      return type;
    }
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

  private static Set<Part> parts(Part... parts) {
    Set<Part> set = EnumSet.noneOf(Part.class);
    set.addAll(List.of(parts));
    return Collections.unmodifiableSet(set);
  }

  private static ProblemException unsupportedReferences(String refs) {
    return SdmxDataRequest.notImplemented(
        "references="
            + refs
            + " is not supported here: use none, parents, children, descendants, all, or one of"
            + " dataflow, datastructure, conceptscheme, codelist.");
  }
}
