package org.coopstats.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.sdmx.SdmxFormats.DataFormat;
import org.coopstats.sdmx.SdmxStructureWriter.Content;
import org.coopstats.sdmx.SdmxV3Formats.StructureFormat;

/**
 * Answers the SDMX 3.0 API (REST 2.x): structure messages from the catalog, data through the same
 * query and writers as the SDMX 2.1 API ({@link SdmxService}), always as released (never drafts or
 * values under embargo), availability from {@link SdmxV3Availability}.
 */
@ApplicationScoped
public class SdmxV3Service {

  /** The query parameters of a structure query. */
  static final List<String> STRUCTURE_PARAMETERS = List.of("references", "detail", "format");

  /** The query parameters of a schema query. */
  static final List<String> SCHEMA_PARAMETERS = List.of("dimensionAtObservation", "format");

  private final CatalogService catalog;
  private final SdmxService service;
  private final SdmxV3Availability availability;
  private final Clock clock;

  public SdmxV3Service(
      CatalogService catalog, SdmxService service, SdmxV3Availability availability, Clock clock) {
    this.catalog = catalog;
    this.service = service;
    this.availability = availability;
    this.clock = clock;
  }

  /** What a data or availability query names: a context and a dataflow, its path read. */
  record FlowPath(String context, String agency, String id, String version) {}

  SdmxMessage structure(SdmxV3Structures.Query query, String detail, StructureFormat format) {
    boolean stubs = stubs(detail, format);
    Content content = SdmxV3Structures.select(catalog.catalog(), query);
    String sender = catalog.coopStats().agency();
    Instant prepared = clock.instant();
    return output -> SdmxV3Writing.structure(content, sender, prepared, stubs, format, output);
  }

  /** {@code detail}: full (the default) or allstubs; the other levels are not offered (501). */
  private static boolean stubs(String detail, StructureFormat format) {
    if (detail == null || detail.equals("full")) {
      return false;
    }
    if (detail.equals("allstubs") && format != StructureFormat.ML_2_1) {
      return true;
    }
    throw SdmxDataRequest.notImplemented(
        "detail="
            + detail
            + " is not offered: use full (the default) or allstubs"
            + (format == StructureFormat.ML_2_1 ? " (allstubs not in SDMX-ML 2.1)." : "."));
  }

  /**
   * The one dataflow (or data structure: each has a dataflow of its id) a data or availability
   * query names: 404 when none, 501 when several (one message per dataflow here).
   */
  DataStructure flow(FlowPath path) {
    String context = path.context() == null ? "*" : path.context();
    if (context.equals("provisionagreement")) {
      throw SdmxDataRequest.notImplemented(
          "There are no provision agreements: ask in the context of a dataflow or datastructure.");
    }
    if (!context.equals("*") && !context.equals("dataflow") && !context.equals("datastructure")) {
      throw ProblemException.notFound(
          "No context '" + context + "': use dataflow, datastructure or *.");
    }
    List<DataStructure> flows =
        catalog.catalog().structures().values().stream()
            .filter(
                s ->
                    SdmxStructures.matches(path.agency(), s.agency())
                        && SdmxStructures.matches(path.id(), s.id())
                        && SdmxStructures.matchesVersion(path.version(), s.version()))
            .toList();
    if (flows.size() == 1) {
      return flows.get(0);
    }
    String all =
        catalog.catalog().structures().values().stream()
            .map(s -> s.agency() + "/" + s.id() + "/" + s.version())
            .collect(Collectors.joining(", "));
    if (flows.isEmpty()) {
      throw ProblemException.notFound(
          "No dataflow matches "
              + path.agency()
              + "/"
              + path.id()
              + "/"
              + path.version()
              + ". The dataflows are "
              + all
              + " (GET /sdmx/v3/structure/dataflow).");
    }
    throw SdmxDataRequest.notImplemented(
        "The query names "
            + flows.size()
            + " dataflows; a message here holds one: name it, e.g."
            + " /sdmx/v3/data/dataflow/"
            + flows.get(0).agency()
            + "/"
            + flows.get(0).id()
            + ". The dataflows are "
            + all
            + ".");
  }

  /** Parses a data query (400, 404 or 501 when it cannot be answered) and dates its answer. */
  SdmxService.DataAnswer prepareData(
      FlowPath path, String key, Map<String, List<String>> parameters, DataFormat format) {
    DataStructure structure = flow(path);
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxDataRequest request = SdmxV3DataQuery.parse(structure, key, parameters, now);
    return service.answer(structure, request, format, now);
  }

  SdmxMessage availability(
      FlowPath path,
      String key,
      String components,
      Map<String, List<String>> parameters,
      StructureFormat format) {
    DataStructure structure = flow(path);
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxV3Availability.Answer answer =
        availability.answer(structure, key, components, parameters, now);
    Content references =
        SdmxV3Availability.references(
            catalog.catalog(), structure, QueryParameters.single(parameters, "references"));
    String sender = structure.agency();
    return output ->
        SdmxV3Writing.availability(
            structure, answer, references, sender, now.toInstant(), format, output);
  }

  /** The XML Schema of SDMX-ML 3.0 structure-specific data for one dataflow. */
  SdmxMessage schema(FlowPath path, String dimensionAtObservation) {
    if (path.context().equals("provisionagreement")
        || path.context().equals("metadatastructure")
        || path.context().equals("metadataflow")
        || path.context().equals("metadataprovisionagreement")) {
      throw SdmxDataRequest.notImplemented(
          "Schemas for " + path.context() + " are not offered: use dataflow or datastructure.");
    }
    DataStructure structure = flow(path);
    boolean allDimensions = SdmxDataRequest.allDimensions(structure, dimensionAtObservation);
    return output -> SdmxV3Writing.schema(structure, allDimensions, output);
  }
}
