package org.coopstats.sdmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.Catalog;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.sdmx.SdmxStructureWriter.Content;

/**
 * Selects the artefacts of an SDMX REST 2.x structure query ({@code
 * /structure/{type}/{agency}/{id}/{version}/{items}}): several agencies, ids and versions at once,
 * {@code *} for all of a kind (the type too), {@code references} as a list, and codes of code lists
 * by id. The artefacts of one type and their references are those of {@link SdmxStructures}.
 */
final class SdmxV3Structures {

  /** The structure types of this service, in the order a message lists them. */
  static final List<String> TYPES =
      List.of("dataflow", "datastructure", "codelist", "conceptscheme");

  /** The other structure types of SDMX 3.0: 501 (none exists here). */
  static final Set<String> OTHER_TYPES =
      Set.of(
          "metadatastructure",
          "metadataflow",
          "provisionagreement",
          "process",
          "categorisation",
          "dataconstraint",
          "metadataconstraint",
          "categoryscheme",
          "hierarchy",
          "hierarchyassociation",
          "agencyscheme",
          "dataproviderscheme",
          "dataconsumerscheme",
          "organisationunitscheme",
          "transformationscheme",
          "rulesetscheme",
          "userdefinedoperatorscheme",
          "customtypescheme",
          "namepersonalisationscheme",
          "vtlmappingscheme",
          "valuelist",
          "structuremap",
          "representationmap",
          "conceptschememap",
          "categoryschememap",
          "organisationschememap",
          "reportingtaxonomymap",
          "metadataproviderscheme",
          "reportingtaxonomy",
          "metadataprovisionagreement");

  private SdmxV3Structures() {}

  /** What a structure query asks for, its path read (null for a segment left off). */
  record Query(
      String type, String agency, String id, String version, String items, String references) {}

  static Content select(Catalog catalog, Query query) {
    List<SdmxStructures.Type> types = types(query.type());
    List<String> references = references(query.references());
    Content content = null;
    for (SdmxStructures.Type type : types) {
      for (String reference : references) {
        try {
          Content selected =
              SdmxStructures.select(
                  catalog, type, query.agency(), query.id(), version(query), reference, null);
          content = content == null ? selected : merge(content, selected);
        } catch (ProblemException e) {
          if (e.status() != 404 || types.size() == 1) {
            throw e;
          }
        }
      }
    }
    if (content == null) {
      throw ProblemException.notFound(
          "No structure matches agency '"
              + orAll(query.agency())
              + "', id '"
              + orAll(query.id())
              + "', version '"
              + orAll(query.version())
              + "'.");
    }
    return items(content, types, query.items());
  }

  private static String version(Query query) {
    return query.version() == null ? "*" : query.version();
  }

  private static String orAll(String segment) {
    return segment == null ? "*" : segment;
  }

  private static List<SdmxStructures.Type> types(String type) {
    if (type.equals("*")) {
      return TYPES.stream().map(SdmxV3Structures::type).toList();
    }
    if (TYPES.contains(type)) {
      return List.of(type(type));
    }
    if (OTHER_TYPES.contains(type)) {
      throw SdmxDataRequest.notImplemented(
          "No "
              + type
              + " exists here, and the type is not offered: the structures are "
              + String.join(", ", TYPES)
              + ".");
    }
    throw ProblemException.notFound(
        "No structure type '" + type + "': use " + String.join(", ", TYPES) + " or *.");
  }

  private static SdmxStructures.Type type(String name) {
    return SdmxStructures.Type.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static List<String> references(String references) {
    if (references == null || references.isEmpty()) {
      return List.of("none");
    }
    return List.copyOf(new LinkedHashSet<>(List.of(references.split(",", -1))));
  }

  /** The union of two messages' artefacts, each once, in the order first seen. */
  static Content merge(Content a, Content b) {
    Map<String, CodeList> lists = new LinkedHashMap<>();
    for (CodeList list : a.codeLists()) {
      lists.put(list.agency() + ":" + list.id(), list);
    }
    for (CodeList list : b.codeLists()) {
      lists.putIfAbsent(list.agency() + ":" + list.id(), list);
    }
    return new Content(
        union(a.dataflows(), b.dataflows()),
        union(a.structures(), b.structures()),
        union(a.conceptSchemes(), b.conceptSchemes()),
        List.copyOf(lists.values()));
  }

  private static List<DataStructure> union(List<DataStructure> a, List<DataStructure> b) {
    List<DataStructure> union = new ArrayList<>(a);
    b.stream().filter(s -> !union.contains(s)).forEach(union::add);
    return union;
  }

  /** A code list keeps only the codes asked for ({@code *}: all); 404 when none is there. */
  private static Content items(Content content, List<SdmxStructures.Type> types, String items) {
    if (items == null || items.equals("*")) {
      return content;
    }
    if (!types.equals(List.of(SdmxStructures.Type.CODELIST))) {
      throw SdmxDataRequest.notImplemented(
          "Item queries are offered for code lists (/structure/codelist/…/{codes}); concepts come"
              + " with their scheme: /structure/conceptscheme/….");
    }
    Set<String> wanted = Set.of(items.split(",", -1));
    List<CodeList> lists = new ArrayList<>();
    for (CodeList list : content.codeLists()) {
      List<Code> codes = list.codes().stream().filter(c -> wanted.contains(c.id())).toList();
      if (!codes.isEmpty()) {
        lists.add(
            CodeList.of(
                list.id(),
                list.agency(),
                list.version(),
                list.nameEn(),
                list.nameFr(),
                list.nameEs(),
                list.description(),
                codes));
      }
    }
    if (lists.isEmpty()) {
      throw ProblemException.notFound("No code '" + items + "' in the code lists asked for.");
    }
    return new Content(content.dataflows(), content.structures(), content.conceptSchemes(), lists);
  }
}
