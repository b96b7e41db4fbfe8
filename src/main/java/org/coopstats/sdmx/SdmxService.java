package org.coopstats.sdmx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.coopstats.catalog.CatalogService;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationRow;
import org.coopstats.query.DataValidators;
import org.coopstats.query.ObservationQueryRepository;

/**
 * Answers the SDMX 2.1 REST API: structure messages from the catalog, data from the same query as
 * the JSON API, always as released now (never drafts or values under embargo).
 */
@ApplicationScoped
public class SdmxService {

  /** The most observations one data message may carry (413 above). */
  static final int MAX_OBSERVATIONS = 200_000;

  private final CatalogService catalog;
  private final ObservationQueryRepository repository;
  private final DataValidators dataValidators;
  private final QueryBulkhead bulkhead;
  private final Clock clock;

  public SdmxService(
      CatalogService catalog,
      ObservationQueryRepository repository,
      DataValidators dataValidators,
      QueryBulkhead bulkhead,
      Clock clock) {
    this.clock = clock;
    this.catalog = catalog;
    this.repository = repository;
    this.dataValidators = dataValidators;
    this.bulkhead = bulkhead;
  }

  public Response structure(
      SdmxStructures.Type type,
      String agency,
      String id,
      String version,
      UriInfo uriInfo,
      HttpHeaders headers) {
    QueryParameters.rejectUnknown(uriInfo, List.of("references", "detail", "format"));
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    SdmxFormats.requireStructureXml(QueryParameters.single(parameters, "format"), headers);
    SdmxStructureWriter.Content content =
        SdmxStructures.select(
            catalog.catalog(),
            type,
            agency,
            id,
            version,
            QueryParameters.single(parameters, "references"),
            QueryParameters.single(parameters, "detail"));
    String sender = catalog.coopStats().agency();
    Instant prepared = clock.instant();
    StreamingOutput body =
        output -> {
          try {
            SdmxStructureWriter.write(content, sender, prepared, output);
          } catch (XMLStreamException e) {
            throw new IOException("Writing the structure message failed", e);
          }
        };
    return Response.ok(body).type(SdmxFormats.STRUCTURE_XML).header("Vary", "Accept").build();
  }

  /** The contexts of the SDMX REST schema resource that this service's artefacts can answer. */
  private static final List<String> SCHEMA_CONTEXTS = List.of("dataflow", "datastructure");

  private static final List<String> OTHER_SCHEMA_CONTEXTS =
      List.of("metadatastructure", "metadataflow", "provisionagreement");

  /**
   * The XML Schema specific to the data structure of a dataflow or data structure, for one
   * dimensionAtObservation. Every data structure has one dataflow of the same id and no
   * constraints, so both contexts give the same schema.
   */
  public Response schema(
      String context,
      String agency,
      String id,
      String version,
      UriInfo uriInfo,
      HttpHeaders headers) {
    if (OTHER_SCHEMA_CONTEXTS.contains(context)) {
      throw SdmxDataRequest.notImplemented(
          "Schemas for " + context + " are not implemented: use dataflow or datastructure.");
    }
    if (!SCHEMA_CONTEXTS.contains(context)) {
      throw ProblemException.notFound(
          "No schema context '" + context + "': use dataflow or datastructure.");
    }
    QueryParameters.rejectUnknown(uriInfo, List.of("dimensionAtObservation", "explicitMeasure"));
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    String explicit = QueryParameters.single(parameters, "explicitMeasure");
    // Explicit measures only matter with a measure dimension at the observation level, which no
    // answer here has (TIME_PERIOD or AllDimensions): both values give the same schema.
    if (explicit != null && !explicit.equals("true") && !explicit.equals("false")) {
      throw ProblemException.badRequest(
          "explicitMeasure '" + explicit + "' must be true or false.");
    }
    SdmxFormats.requireSchemaXml(headers);
    DataStructure structure =
        catalog.catalog().structures().values().stream()
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
    boolean allDimensions =
        SdmxDataRequest.allDimensions(
            structure, QueryParameters.single(parameters, "dimensionAtObservation"));
    StreamingOutput body =
        output -> {
          try {
            SdmxSchemaWriter.write(structure, allDimensions, output);
          } catch (XMLStreamException e) {
            throw new IOException("Writing the schema failed", e);
          }
        };
    return Response.ok(body).type(SdmxFormats.SCHEMA_XML).header("Vary", "Accept").build();
  }

  public Response data(
      String flowRef,
      String key,
      String providerRef,
      UriInfo uriInfo,
      HttpHeaders headers,
      Request httpRequest) {
    return bulkhead.run(() -> dataNow(flowRef, key, providerRef, uriInfo, headers, httpRequest));
  }

  private Response dataNow(
      String flowRef,
      String key,
      String providerRef,
      UriInfo uriInfo,
      HttpHeaders headers,
      Request httpRequest) {
    QueryParameters.rejectUnknown(uriInfo, SdmxDataRequest.PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    DataStructure structure = catalog.coopStats();
    SdmxFormats.DataFormat format =
        SdmxFormats.dataFormat(QueryParameters.single(parameters, "format"), headers);
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxDataRequest request =
        SdmxDataRequest.parse(structure, flowRef, key, providerRef, parameters, now);
    // Weak but for SDMX-CSV: each SDMX-ML or SDMX-JSON message has its own id and prepared time.
    DataValidators.Validators validators =
        dataValidators.released(
            now,
            "sdmx-" + format.name().toLowerCase(Locale.ROOT),
            format != SdmxFormats.DataFormat.CSV);
    Response notModified = validators.notModified(httpRequest);
    if (notModified != null) {
      return notModified;
    }
    List<ObservationRow> rows = fetch(request.query(), structure);
    List<SdmxDataWriter.DataSet> dataSets = group(rows, request);
    if (dataSets.isEmpty()) {
      throw ProblemException.notFound(
          "No data for this query: no released observation matches the key, the provider and the"
              + " periods asked for.");
    }
    String sender = structure.agency();
    String baseUri = uriInfo.getBaseUri().toString();
    StreamingOutput body =
        output -> {
          switch (format) {
            case CSV -> SdmxDataWriter.csv(structure, dataSets, request, output);
            case JSON ->
                SdmxJsonWriter.write(
                    structure, dataSets, request, sender, now.toInstant(), baseUri, output);
            case STRUCTURE_SPECIFIC, GENERIC -> {
              try {
                if (format == SdmxFormats.DataFormat.STRUCTURE_SPECIFIC) {
                  SdmxDataWriter.structureSpecific(
                      structure, dataSets, request, sender, now.toInstant(), output);
                } else {
                  SdmxDataWriter.generic(
                      structure, dataSets, request, sender, now.toInstant(), output);
                }
              } catch (XMLStreamException e) {
                throw new IOException("Writing the data message failed", e);
              }
            }
          }
        };
    String type =
        format == SdmxFormats.DataFormat.CSV
            ? format.mediaType + "; charset=UTF-8"
            : format.mediaType;
    return validators.apply(Response.ok(body).type(type)).header("Vary", "Accept").build();
  }

  public Response availability(
      String flowRef,
      String key,
      String providerRef,
      String componentId,
      UriInfo uriInfo,
      HttpHeaders headers) {
    return bulkhead.run(
        () -> availabilityNow(flowRef, key, providerRef, componentId, uriInfo, headers));
  }

  private Response availabilityNow(
      String flowRef,
      String key,
      String providerRef,
      String componentId,
      UriInfo uriInfo,
      HttpHeaders headers) {
    QueryParameters.rejectUnknown(
        uriInfo, List.of("startPeriod", "endPeriod", "mode", "references", "format"));
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    SdmxFormats.requireStructureXml(QueryParameters.single(parameters, "format"), headers);
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
    DataStructure structure = catalog.coopStats();
    List<org.coopstats.catalog.DimensionDef> dimensions = structure.seriesDimensions();
    boolean all = componentId == null || componentId.equals("all");
    boolean time = !all && componentId.equals(structure.timeDimension().id());
    if (!all && !time && structure.dimension(componentId).isEmpty()) {
      throw ProblemException.notFound(
          "'" + componentId + "' is not a dimension of " + structure.id() + ".");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    SdmxDataRequest request =
        SdmxDataRequest.parse(structure, flowRef, key, providerRef, parameters, now);
    List<ObservationRow> rows = fetch(request.query(), structure);
    if (rows.isEmpty()) {
      throw ProblemException.notFound(
          "No data for this query: no released observation matches the key, the provider and the"
              + " periods asked for.");
    }
    Map<String, java.util.Collection<String>> codes = new LinkedHashMap<>();
    for (int i = 0; i < dimensions.size(); i++) {
      org.coopstats.catalog.DimensionDef dimension = dimensions.get(i);
      if (!all && !dimension.id().equals(componentId)) {
        continue;
      }
      java.util.Set<String> present = new java.util.HashSet<>();
      int position = i;
      rows.forEach(row -> present.add(row.key().get(position)));
      List<String> ordered = new ArrayList<>();
      structure.codeList(dimension.codeListId()).codes().stream()
          .map(org.coopstats.catalog.Code::id)
          .filter(present::contains)
          .forEach(ordered::add);
      present.stream().filter(c -> !ordered.contains(c)).sorted().forEach(ordered::add);
      codes.put(dimension.id(), ordered);
    }
    java.time.LocalDate start = null;
    java.time.LocalDate end = null;
    if (all || time) {
      for (ObservationRow row : rows) {
        var period = org.coopstats.validation.TimePeriod.parse(row.timePeriod()).orElse(null);
        if (period == null) {
          continue;
        }
        start = start == null || period.start().isBefore(start) ? period.start() : start;
        end = end == null || period.end().isAfter(end) ? period.end() : end;
      }
    }
    java.time.LocalDate first = start;
    java.time.LocalDate last = end;
    String sender = structure.agency();
    StreamingOutput body =
        output -> {
          try {
            SdmxStructureWriter.availability(
                structure, codes, first, last, sender, now.toInstant(), output);
          } catch (XMLStreamException e) {
            throw new IOException("Writing the availability message failed", e);
          }
        };
    return Response.ok(body).type(SdmxFormats.STRUCTURE_XML).header("Vary", "Accept").build();
  }

  private List<ObservationRow> fetch(ObservationQuery query, DataStructure structure) {
    List<ObservationRow> rows = new ArrayList<>();
    int offset = 0;
    while (true) {
      ObservationQuery batch =
          new ObservationQuery(
              query.codes(),
              query.startPeriod(),
              query.endPeriod(),
              query.providers(),
              query.datasets(),
              query.visibility(),
              new PageRequest(offset, SdmxDataRequest.BATCH));
      Page<ObservationRow> page = repository.find(batch, structure);
      if (page.total() > MAX_OBSERVATIONS) {
        throw new ProblemException(
            413,
            "payload-too-large",
            "Response too large",
            "The query matches "
                + page.total()
                + " observations; one SDMX message carries at most "
                + MAX_OBSERVATIONS
                + ". Narrow the key, the provider or the periods.");
      }
      rows.addAll(page.items());
      if (!page.hasNext()) {
        return rows;
      }
      offset += SdmxDataRequest.BATCH;
    }
  }

  /**
   * Rows come in key, period, dataset order; a data set per CoopStats dataset (and its deletions,
   * for updatedAfter), each with its series in key order, cut to the first or last N observations.
   */
  static List<SdmxDataWriter.DataSet> group(List<ObservationRow> rows, SdmxDataRequest request) {
    Map<String, Map<List<String>, List<ObservationRow>>> bySet = new LinkedHashMap<>();
    Map<String, ObservationRow> firstOfSet = new LinkedHashMap<>();
    for (ObservationRow row : rows) {
      String set = row.datasetId() + ("D".equals(row.action()) ? "D" : "");
      firstOfSet.putIfAbsent(set, row);
      bySet
          .computeIfAbsent(set, s -> new LinkedHashMap<>())
          .computeIfAbsent(row.key(), k -> new ArrayList<>())
          .add(row);
    }
    List<SdmxDataWriter.DataSet> dataSets = new ArrayList<>();
    bySet.forEach(
        (set, seriesByKey) -> {
          List<List<ObservationRow>> series = new ArrayList<>();
          for (List<ObservationRow> observations : seriesByKey.values()) {
            List<ObservationRow> kept = observations;
            if (request.firstN() != null || request.lastN() != null) {
              int n = observations.size();
              int first = request.firstN() == null ? 0 : Math.min(request.firstN(), n);
              int last = request.lastN() == null ? 0 : Math.min(request.lastN(), n);
              if (first + last >= n) {
                kept = observations;
              } else {
                kept = new ArrayList<>(observations.subList(0, first));
                kept.addAll(observations.subList(n - last, n));
              }
            }
            series.add(kept);
          }
          ObservationRow first = firstOfSet.get(set);
          dataSets.add(
              new SdmxDataWriter.DataSet(
                  first.datasetId(), first.providerId(), set.endsWith("D"), series));
        });
    return dataSets;
  }
}
