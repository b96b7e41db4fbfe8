package org.coopstats.sdmx;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.coopstats.common.ConditionalResponses;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.common.StreamedBody;
import org.coopstats.sdmx.SdmxFormats.DataFormat;

/**
 * The SDMX 2.1 REST API (the SDMX web-service grammar) for the COOP_STATS dataflow. Errors are
 * application/problem+json, with the status codes SDMX prescribes. The HTTP is here (the query
 * parameters taken, the media type from {@code format} or Accept, the 304 of data a client has);
 * {@link SdmxService} answers with the message to write.
 */
@Path("/sdmx/v2.1")
public class SdmxResource {

  private static final String STRUCTURE_TYPES = "dataflow|datastructure|codelist|conceptscheme";

  private final SdmxService service;
  private final QueryBulkhead bulkhead;
  private final CurrentVertxRequest exchange;

  public SdmxResource(SdmxService service, QueryBulkhead bulkhead, CurrentVertxRequest exchange) {
    this.service = service;
    this.bulkhead = bulkhead;
    this.exchange = exchange;
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}")
  public Response structures(
      @PathParam("type") String type,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return structureMessage(type(type), null, null, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}")
  public Response structuresOfAgency(
      @PathParam("type") String type,
      @PathParam("agency") String agency,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return structureMessage(type(type), agency, null, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}/{id}")
  public Response structure(
      @PathParam("type") String type,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return structureMessage(type(type), agency, id, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}/{id}/{version}")
  public Response structureVersion(
      @PathParam("type") String type,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @PathParam("version") String version,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return structureMessage(type(type), agency, id, version, uriInfo, headers);
  }

  @GET
  @Path("/data/{flowRef}")
  public Response dataOfFlow(
      @PathParam("flowRef") String flowRef,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return dataMessage(flowRef, null, null, uriInfo, headers, request);
  }

  @GET
  @Path("/data/{flowRef}/{key}")
  public Response dataOfKey(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return dataMessage(flowRef, key, null, uriInfo, headers, request);
  }

  @GET
  @Path("/data/{flowRef}/{key}/{providerRef}")
  public Response data(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return dataMessage(flowRef, key, providerRef, uriInfo, headers, request);
  }

  @GET
  @Path("/availableconstraint/{flowRef}")
  public Response availabilityOfFlow(
      @PathParam("flowRef") String flowRef,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return availabilityMessage(flowRef, null, null, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}")
  public Response availabilityOfKey(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return availabilityMessage(flowRef, key, null, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}/{providerRef}")
  public Response availabilityOfProviders(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return availabilityMessage(flowRef, key, providerRef, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}/{providerRef}/{componentID}")
  public Response availability(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @PathParam("componentID") String componentId,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return availabilityMessage(flowRef, key, providerRef, componentId, uriInfo, headers);
  }

  /** The schema specific to a data structure: GET /schema/{context}/{agencyID}/{resourceID}. */
  @GET
  @Path("/schema/{context}/{agency}/{id}")
  public Response schemaLatest(
      @PathParam("context") String context,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return schemaMessage(context, agency, id, null, uriInfo, headers);
  }

  /** The same, one version (or latest); dimensionAtObservation and explicitMeasure as query. */
  @GET
  @Path("/schema/{context}/{agency}/{id}/{version}")
  public Response schema(
      @PathParam("context") String context,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @PathParam("version") String version,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return schemaMessage(context, agency, id, version, uriInfo, headers);
  }

  @GET
  @Path(
      "/{type: contentconstraint|categoryscheme|categorisation|agencyscheme"
          + "|dataproviderscheme|dataconsumerscheme|organisationunitscheme|organisationscheme"
          + "|hierarchicalcodelist|metadatastructure|metadataflow|provisionagreement|structureset"
          + "|process|reportingtaxonomy|attachmentconstraint|actualconstraint|allowedconstraint"
          + "|structure|metadata}{rest: (/.*)?}")
  public Response notImplemented(@PathParam("type") String type, @PathParam("rest") String rest) {
    throw SdmxDataRequest.notImplemented(
        "/sdmx/v2.1/"
            + type
            + " is not implemented. Offered: dataflow, datastructure, codelist, conceptscheme,"
            + " data, availableconstraint and schema.");
  }

  private Response structureMessage(
      SdmxStructures.Type type,
      String agency,
      String id,
      String version,
      UriInfo uriInfo,
      HttpHeaders headers) {
    Sdmx21Syntax.requireVersions(version);
    QueryParameters.rejectUnknown(uriInfo, SdmxService.STRUCTURE_PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    SdmxFormats.requireStructureXml(
        QueryParameters.single(parameters, "format"), () -> accepted(headers));
    SdmxMessage message =
        service.structure(
            type,
            agency,
            id,
            version,
            QueryParameters.single(parameters, "references"),
            QueryParameters.single(parameters, "detail"));
    return ok(message, SdmxFormats.STRUCTURE_XML).build();
  }

  private Response schemaMessage(
      String context,
      String agency,
      String id,
      String version,
      UriInfo uriInfo,
      HttpHeaders headers) {
    SdmxService.requireSchemaContext(context);
    Sdmx21Syntax.requireVersion(version);
    QueryParameters.rejectUnknown(uriInfo, SdmxService.SCHEMA_PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    SdmxService.checkExplicitMeasure(QueryParameters.single(parameters, "explicitMeasure"));
    SdmxFormats.requireSchemaXml(accepted(headers));
    SdmxMessage schema =
        service.schema(
            context,
            agency,
            id,
            version,
            QueryParameters.single(parameters, "dimensionAtObservation"));
    return ok(schema, SdmxFormats.SCHEMA_XML).build();
  }

  private Response dataMessage(
      String flowRef,
      String key,
      String providerRef,
      UriInfo uriInfo,
      HttpHeaders headers,
      Request request) {
    return data(
        () -> {
          Sdmx21Syntax.requireFlowRef(flowRef);
          QueryParameters.rejectUnknown(uriInfo, SdmxDataRequest.PARAMETERS);
          Map<String, List<String>> parameters = uriInfo.getQueryParameters();
          DataFormat format =
              SdmxFormats.dataFormat(
                  QueryParameters.single(parameters, "format"), () -> accepted(headers));
          return service.prepareData(flowRef, key, providerRef, parameters, format);
        },
        uriInfo,
        request);
  }

  /**
   * A data message, streamed (or 304 when the client's copy is current): {@code prepare} parses the
   * query and dates the answer, under a place of the query bulkhead. Also the SDMX 3.0 API's.
   */
  Response data(Supplier<SdmxService.DataAnswer> prepare, UriInfo uriInfo, Request request) {
    // The place is held while the message streams, not only while the response is built: the
    // message gives it back (with its cursor) at its end, or the end of the exchange does.
    QueryBulkhead.Permit permit = bulkhead.acquire();
    try {
      return dataNow(prepare.get(), uriInfo, request, permit);
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
  }

  /** The answer, which owns {@code permit} when it is a 200 (closed here otherwise). */
  private Response dataNow(
      SdmxService.DataAnswer answer,
      UriInfo uriInfo,
      Request request,
      QueryBulkhead.Permit permit) {
    Optional<Response> notModified = ConditionalResponses.notModified(request, answer.validators());
    if (notModified.isPresent()) {
      permit.close();
      return notModified.get();
    }
    StreamedBody message =
        service
            .data(answer, uriInfo.getBaseUri().toString())
            .alsoClosing(permit)
            .closedAtEndOf(exchange);
    DataFormat format = answer.format();
    boolean csv = format == DataFormat.CSV || format == DataFormat.CSV_2;
    String type = csv ? format.mediaType + "; charset=UTF-8" : format.mediaType;
    Response.ResponseBuilder response = Response.ok(message).type(type);
    return ConditionalResponses.withValidators(response, answer.validators())
        .header("Vary", "Accept")
        .build();
  }

  private Response availabilityMessage(
      String flowRef,
      String key,
      String providerRef,
      String componentId,
      UriInfo uriInfo,
      HttpHeaders headers) {
    return bulkhead.run(
        () -> {
          Sdmx21Syntax.requireFlowRef(flowRef);
          QueryParameters.rejectUnknown(uriInfo, SdmxService.AVAILABILITY_PARAMETERS);
          Map<String, List<String>> parameters = uriInfo.getQueryParameters();
          SdmxFormats.requireStructureXml(
              QueryParameters.single(parameters, "format"), () -> accepted(headers));
          SdmxMessage message =
              service.availability(flowRef, key, providerRef, componentId, parameters);
          return ok(message, SdmxFormats.STRUCTURE_XML).build();
        });
  }

  private static Response.ResponseBuilder ok(SdmxMessage message, String type) {
    StreamingOutput body = message::writeTo;
    return Response.ok(body).type(type).header("Vary", "Accept");
  }

  /** The Accept header's media ranges, in the client's order of preference. */
  static List<SdmxFormats.Accepted> accepted(HttpHeaders headers) {
    List<SdmxFormats.Accepted> accepted = new ArrayList<>();
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      accepted.add(
          new SdmxFormats.Accepted(
              type.isWildcardType() ? "*" : type.getType() + "/" + type.getSubtype(),
              type.getParameters().get("version")));
    }
    return accepted;
  }

  private static SdmxStructures.Type type(String type) {
    try {
      return SdmxStructures.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No SDMX structure type '" + type + "'.");
    }
  }
}
