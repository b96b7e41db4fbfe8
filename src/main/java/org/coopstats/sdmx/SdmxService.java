package org.coopstats.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.StreamedBody;
import org.coopstats.common.Validators;
import org.coopstats.indicator.IndicatorService;
import org.coopstats.observation.ObservationCursor;
import org.coopstats.observation.ObservationReader.DistinctCodes;
import org.coopstats.observation.ObservationRow;
import org.coopstats.observation.ObservationRows;
import org.coopstats.query.DataValidators;
import org.coopstats.query.ObservationQueryRepository;
import org.coopstats.sdmx.SdmxFormats.DataFormat;

/**
 * Answers the SDMX 2.1 REST API: structure messages from the catalog, data from the same query as
 * the JSON API, always as released now (never drafts or values under embargo). Takes what the
 * resource read from the request (path, parameters, the negotiated format) and returns messages
 * ready to write; a message's checks all run before it is returned.
 */
@ApplicationScoped
public class SdmxService {

  /** The query parameters of a structure query. */
  static final List<String> STRUCTURE_PARAMETERS = List.of("references", "detail", "format");

  /** The query parameters of an availability query. */
  static final List<String> AVAILABILITY_PARAMETERS =
      List.of("startPeriod", "endPeriod", "mode", "references", "format");

  /** The query parameters of a schema query. */
  static final List<String> SCHEMA_PARAMETERS =
      List.of("dimensionAtObservation", "explicitMeasure");

  /** The contexts of the SDMX REST schema resource that this service's artefacts can answer. */
  private static final List<String> SCHEMA_CONTEXTS = List.of("dataflow", "datastructure");

  private static final List<String> OTHER_SCHEMA_CONTEXTS =
      List.of("metadatastructure", "metadataflow", "provisionagreement");

  private static final String NO_DATA =
      "No data for this query: no released observation matches the key, the provider and the"
          + " periods asked for.";

  /** A data query parsed and dated, not yet run: a client whose copy is current stops here. */
  record DataAnswer(
      DataStructure structure,
      SdmxDataRequest request,
      DataFormat format,
      OffsetDateTime now,
      Validators validators) {}

  /** What an availability query asks for: all dimensions, or one (perhaps the time dimension). */
  private record Component(String id, boolean all, boolean time) {}

  /** The time range covered, or nulls when no observation has a period. */
  private record Range(LocalDate start, LocalDate end) {}

  private final CatalogService catalog;
  private final ObservationQueryRepository repository;
  private final DataValidators dataValidators;
  private final SdmxAvailability availability;
  private final IndicatorService indicators;
  private final Clock clock;

  public SdmxService(
      CatalogService catalog,
      ObservationQueryRepository repository,
      DataValidators dataValidators,
      SdmxAvailability availability,
      IndicatorService indicators,
      Clock clock) {
    this.clock = clock;
    this.indicators = indicators;
    this.availability = availability;
    this.catalog = catalog;
    this.repository = repository;
    this.dataValidators = dataValidators;
  }

  SdmxMessage structure(
      SdmxStructures.Type type,
      String agency,
      String id,
      String version,
      String references,
      String detail) {
    SdmxStructureWriter.Content content =
        SdmxStructures.select(catalog.catalog(), type, agency, id, version, references, detail);
    String sender = catalog.coopStats().agency();
    Instant prepared = clock.instant();
    return output ->
        xml(
            () -> SdmxStructureWriter.write(content, sender, prepared, output),
            "Writing the structure message failed");
  }

  /** 501 for a schema context of SDMX that has no artefact here, 404 for an unknown one. */
  static void requireSchemaContext(String context) {
    if (OTHER_SCHEMA_CONTEXTS.contains(context)) {
      throw SdmxDataRequest.notImplemented(
          "Schemas for " + context + " are not implemented: use dataflow or datastructure.");
    }
    if (!SCHEMA_CONTEXTS.contains(context)) {
      throw ProblemException.notFound(
          "No schema context '" + context + "': use dataflow or datastructure.");
    }
  }

  /**
   * Explicit measures only matter with a measure dimension at the observation level, which no
   * answer here has (TIME_PERIOD or AllDimensions): both values give the same schema.
   */
  static void checkExplicitMeasure(String explicit) {
    if (explicit != null && !explicit.equals("true") && !explicit.equals("false")) {
      throw ProblemException.badRequest(
          "explicitMeasure '" + explicit + "' must be true or false.");
    }
  }

  /**
   * The XML Schema specific to the data structure of a dataflow or data structure, for one
   * dimensionAtObservation. Every data structure has one dataflow of the same id and no
   * constraints, so both contexts give the same schema.
   */
  SdmxMessage schema(
      String context, String agency, String id, String version, String dimensionAtObservation) {
    DataStructure structure = schemaStructure(context, agency, id, version);
    boolean allDimensions = SdmxDataRequest.allDimensions(structure, dimensionAtObservation);
    return output ->
        xml(
            () -> SdmxSchemaWriter.write(structure, allDimensions, output),
            "Writing the schema failed");
  }

  private DataStructure schemaStructure(String context, String agency, String id, String version) {
    return catalog.catalog().structures().values().stream()
        .filter(
            s ->
                SdmxStructures.matches(agency, s.agency())
                    && s.id().equals(id)
                    && SdmxStructures.matchesVersion(version, s.version()))
        .findFirst()
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "No "
                        + context
                        + " '"
                        + agency
                        + ","
                        + id
                        + ","
                        + (version == null ? "latest" : version)
                        + "' (GET /sdmx/v2.1/"
                        + context
                        + ")."));
  }

  /**
   * The structure of the dataflow {@code flowRef} names ({@code ID}, {@code AGENCY,ID} or {@code
   * AGENCY,ID,VERSION}): every structure has a dataflow of its id. The agency and the version are
   * checked by {@link SdmxDataRequest#parse}; a 404 lists the dataflows when none has the id.
   */
  private DataStructure flowStructure(String flowRef) {
    String[] parts = flowRef.split(",", -1);
    String id = parts.length >= 2 ? parts[1] : parts[0];
    return catalog
        .catalog()
        .structure(id)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "No dataflow '"
                        + flowRef
                        + "'. The dataflows are "
                        + catalog.catalog().structures().values().stream()
                            .map(s -> s.agency() + "," + s.id() + "," + s.version())
                            .collect(Collectors.joining(", "))
                        + " (GET /sdmx/v2.1/dataflow)."));
  }

  /** Parses a data query (400, 404 or 501 when it cannot be answered) and dates its answer. */
  DataAnswer prepareData(
      String flowRef,
      String key,
      String providerRef,
      Map<String, List<String>> parameters,
      DataFormat format) {
    DataStructure structure = flowStructure(flowRef);
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxDataRequest request =
        SdmxDataRequest.parse(structure, flowRef, key, providerRef, parameters, now);
    return answer(structure, request, format, now);
  }

  /** Dates the answer to a data request parsed at {@code now}. */
  DataAnswer answer(
      DataStructure structure, SdmxDataRequest request, DataFormat format, OffsetDateTime now) {
    // Weak but for SDMX-CSV: each SDMX-ML or SDMX-JSON message has its own id and prepared time.
    boolean csv = format == DataFormat.CSV || format == DataFormat.CSV_2;
    Validators validators =
        dataValidators.released(now, "sdmx-" + format.name().toLowerCase(Locale.ROOT), !csv);
    return new DataAnswer(structure, request, format, now, validators);
  }

  /**
   * The data message, read from one cursor as it is written: 404 when no released observation
   * matches (known before the answer starts: the cursor's first row is read here). The caller
   * closes the message if it is never written; writing it closes it.
   *
   * @param baseUri the service's base URI, for the links of an SDMX-JSON message
   */
  StreamedBody data(DataAnswer answer, String baseUri) {
    if (answer.structure().derived()) {
      return derivedData(answer, baseUri);
    }
    ObservationCursor cursor = repository.open(answer.request().query(), answer.structure());
    ObservationRows rows;
    try {
      rows = SelectedRows.of(cursor, answer.request().selection());
    } catch (SQLException | RuntimeException e) {
      cursor.close();
      throw e instanceof SQLException sql ? new IllegalStateException(sql) : (RuntimeException) e;
    }
    if (rows.peek() == null) {
      cursor.close();
      throw ProblemException.notFound(NO_DATA);
    }
    SdmxDataSets dataSets = new SdmxDataSets(rows, answer.request());
    return new StreamedBody(output -> writeData(answer, dataSets, baseUri, output), cursor);
  }

  /**
   * The data message of a derived dataflow (the indicators): its values computed from the released
   * data, all at hand before the first byte (an indicator's values are few: one per area and
   * period); 404 when none.
   */
  private StreamedBody derivedData(DataAnswer answer, String baseUri) {
    List<ObservationRow> rows =
        indicators.derivedRows(answer.structure(), answer.request().query());
    ObservationRows selected = select(ObservationRows.of(rows), answer.request());
    if (selected.peek() == null) {
      throw ProblemException.notFound(NO_DATA);
    }
    SdmxDataSets dataSets = new SdmxDataSets(selected, answer.request());
    return new StreamedBody(output -> writeData(answer, dataSets, baseUri, output), () -> {});
  }

  /** Rows at hand as the request's selection keeps them (reading them cannot fail). */
  private static ObservationRows select(ObservationRows rows, SdmxDataRequest request) {
    try {
      return SelectedRows.of(rows, request.selection());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the message of {@code answer} in its format as the data sets are read. */
  static void writeData(
      DataAnswer answer, SdmxDataSets dataSets, String baseUri, OutputStream output)
      throws IOException {
    DataStructure structure = answer.structure();
    SdmxDataRequest request = answer.request();
    String sender = structure.agency();
    Instant prepared = answer.now().toInstant();
    switch (answer.format()) {
      case CSV -> SdmxDataWriter.csv(structure, dataSets, request, output);
      case JSON ->
          SdmxJsonWriter.write(structure, dataSets, request, sender, prepared, baseUri, output);
      case STRUCTURE_SPECIFIC ->
          xml(
              () ->
                  SdmxDataWriter.structureSpecific(
                      structure, dataSets, request, sender, prepared, output),
              "Writing the data message failed");
      case GENERIC ->
          xml(
              () -> SdmxDataWriter.generic(structure, dataSets, request, sender, prepared, output),
              "Writing the data message failed");
      case CSV_2 -> SdmxCsv2Writer.write(structure, dataSets, request, output);
      case JSON_2 ->
          SdmxJson2DataWriter.write(
              structure, dataSets, request, sender, prepared, baseUri, output);
      case ML_3 ->
          xml(
              () -> SdmxMl3DataWriter.write(structure, dataSets, request, sender, prepared, output),
              "Writing the data message failed");
    }
  }

  /**
   * An actual content constraint: the codes of each dimension (or of one) that have released data
   * matching the query, and the time range they cover.
   */
  SdmxMessage availability(
      String flowRef,
      String key,
      String providerRef,
      String componentId,
      Map<String, List<String>> parameters) {
    requireExactModeWithoutReferences(parameters);
    DataStructure structure = flowStructure(flowRef);
    if (structure.derived()) {
      throw SdmxDataRequest.notImplemented(
          "Availability is not computed for the derived dataflow "
              + structure.id()
              + ": ask for its data (/sdmx/v2.1/data/"
              + structure.id()
              + "), or GET /api/v1/indicators for what it holds.");
    }
    Component component = component(structure, componentId);
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxDataRequest request =
        SdmxDataRequest.parse(structure, flowRef, key, providerRef, parameters, now);
    DistinctCodes present = availability.distinctCodes(request.query(), structure);
    if (present.codes().stream().allMatch(Set::isEmpty)) {
      throw ProblemException.notFound(NO_DATA);
    }
    Map<String, Collection<String>> codes = presentCodes(structure, present, component);
    Range range =
        component.all() || component.time()
            ? new Range(present.firstStart(), present.lastEnd())
            : new Range(null, null);
    String sender = structure.agency();
    return output ->
        xml(
            () ->
                SdmxStructureWriter.availability(
                    structure, codes, range.start(), range.end(), sender, now.toInstant(), output),
            "Writing the availability message failed");
  }

  private static void requireExactModeWithoutReferences(Map<String, List<String>> parameters) {
    String mode = QueryParameters.single(parameters, "mode");
    if (mode != null && !mode.equals("exact")) {
      throw SdmxDataRequest.notImplemented(
          "mode=" + mode + " is not supported: only exact (the codes that have data).");
    }
    String references = QueryParameters.single(parameters, "references");
    if (references != null && !references.equals("none")) {
      throw SdmxDataRequest.notImplemented(
          "references=" + references + " is not supported on availableconstraint: only none.");
    }
  }

  private static Component component(DataStructure structure, String componentId) {
    boolean all = componentId == null || componentId.equals("all");
    boolean time = !all && componentId.equals(structure.timeDimension().id());
    if (!all && !time && structure.dimension(componentId).isEmpty()) {
      throw ProblemException.notFound(
          "'" + componentId + "' is not a dimension of " + structure.id() + ".");
    }
    return new Component(componentId, all, time);
  }

  /** The codes present of each series dimension asked for: in code-list order, then unknown. */
  private static Map<String, Collection<String>> presentCodes(
      DataStructure structure, DistinctCodes rows, Component component) {
    List<DimensionDef> dimensions = structure.seriesDimensions();
    Map<String, Collection<String>> codes = new LinkedHashMap<>();
    for (int i = 0; i < dimensions.size(); i++) {
      DimensionDef dimension = dimensions.get(i);
      if (!component.all() && !dimension.id().equals(component.id())) {
        continue;
      }
      Set<String> present = rows.codes().get(i);
      List<String> ordered = new ArrayList<>();
      structure.codeList(dimension.codeListId()).codes().stream()
          .map(Code::id)
          .filter(present::contains)
          .forEach(ordered::add);
      present.stream().filter(c -> !ordered.contains(c)).sorted().forEach(ordered::add);
      codes.put(dimension.id(), ordered);
    }
    return codes;
  }

  /** Writing XML, whose failures an HTTP body can only report as an IOException. */
  @FunctionalInterface
  private interface XmlWriting {
    void write() throws XMLStreamException, IOException;
  }

  private static void xml(XmlWriting writing, String failure) throws IOException {
    try {
      writing.write();
    } catch (XMLStreamException e) {
      throw new IOException(failure, e);
    }
  }
}
