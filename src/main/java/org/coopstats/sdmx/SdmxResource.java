package org.coopstats.sdmx;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.coopstats.common.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SDMX 2.1 REST API (the SDMX web-service grammar) for the COOP_STATS dataflow. Errors are
 * application/problem+json, with the status codes SDMX prescribes.
 */
@Path("/sdmx/v2.1")
@Tag(name = "SDMX", description = "SDMX 2.1 REST: structures and data for SDMX clients")
public class SdmxResource {

  private static final String STRUCTURE_TYPES = "dataflow|datastructure|codelist|conceptscheme";
  private static final String TYPE_DOC =
      "dataflow, datastructure, codelist or conceptscheme. Query parameters: references (none,"
          + " parents, children, descendants, all, or an artefact type), detail (full), format"
          + " (structure).";

  private final SdmxService service;

  public SdmxResource(SdmxService service) {
    this.service = service;
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}")
  @Operation(
      summary = "SDMX structures of a type",
      description = "Every artefact of the type, as an SDMX-ML 2.1 structure message. " + TYPE_DOC)
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message",
      content = {
        @Content(mediaType = SdmxFormats.STRUCTURE_XML),
        @Content(mediaType = "application/xml")
      })
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A references or detail value not supported")
  public Response structures(
      @PathParam("type") String type,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.structure(type(type), null, null, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}")
  @Operation(
      summary = "SDMX structures of an agency",
      description = "agency: an agency id or all. " + TYPE_DOC)
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message",
      content = {
        @Content(mediaType = SdmxFormats.STRUCTURE_XML),
        @Content(mediaType = "application/xml")
      })
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A references or detail value not supported")
  public Response structuresOfAgency(
      @PathParam("type") String type,
      @PathParam("agency") String agency,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.structure(type(type), agency, null, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}/{id}")
  @Operation(
      summary = "An SDMX structure, latest version",
      description = "agency and id: ids or all. " + TYPE_DOC)
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message",
      content = {
        @Content(mediaType = SdmxFormats.STRUCTURE_XML),
        @Content(mediaType = "application/xml")
      })
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A references or detail value not supported")
  public Response structure(
      @PathParam("type") String type,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @QueryParam("references") String references,
      @QueryParam("detail") String detail,
      @QueryParam("format") String format,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.structure(type(type), agency, id, null, uriInfo, headers);
  }

  @GET
  @Path("/{type: " + STRUCTURE_TYPES + "}/{agency}/{id}/{version}")
  @Operation(
      summary = "An SDMX structure, one version",
      description = "agency and id: ids or all; version: a version, latest or all. " + TYPE_DOC)
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message",
      content = {
        @Content(mediaType = SdmxFormats.STRUCTURE_XML),
        @Content(mediaType = "application/xml")
      })
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A references or detail value not supported")
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
    return service.structure(type(type), agency, id, version, uriInfo, headers);
  }

  @GET
  @Path("/data/{flowRef}")
  @Operation(
      summary = "SDMX data of the dataflow",
      description = "All released data of the dataflow; see /data/{flowRef}/{key}/{providerRef}.")
  @APIResponse(
      responseCode = "200",
      description =
          "SDMX-ML 2.1 GenericData or StructureSpecificData, SDMX-CSV 1.0 or SDMX-JSON 1.0, with"
              + " ETag and Last-Modified",
      content = {
        @Content(mediaType = SdmxFormats.GENERIC_DATA),
        @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_DATA),
        @Content(mediaType = SdmxFormats.SDMX_CSV),
        @Content(mediaType = SdmxFormats.SDMX_JSON)
      })
  @APIResponse(
      responseCode = "304",
      description =
          "Not modified: no release since the ETag or date in If-None-Match or"
              + " If-Modified-Since")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(ref = "PayloadTooLarge")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response dataOfFlow(
      @PathParam("flowRef") String flowRef,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return service.data(flowRef, null, null, uriInfo, headers, request);
  }

  @GET
  @Path("/data/{flowRef}/{key}")
  @Operation(
      summary = "SDMX data for a key",
      description = "See /data/{flowRef}/{key}/{providerRef}.")
  @APIResponse(
      responseCode = "200",
      description =
          "SDMX-ML 2.1 GenericData or StructureSpecificData, SDMX-CSV 1.0 or SDMX-JSON 1.0, with"
              + " ETag and Last-Modified",
      content = {
        @Content(mediaType = SdmxFormats.GENERIC_DATA),
        @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_DATA),
        @Content(mediaType = SdmxFormats.SDMX_CSV),
        @Content(mediaType = SdmxFormats.SDMX_JSON)
      })
  @APIResponse(
      responseCode = "304",
      description =
          "Not modified: no release since the ETag or date in If-None-Match or"
              + " If-Modified-Since")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(ref = "PayloadTooLarge")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response dataOfKey(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return service.data(flowRef, key, null, uriInfo, headers, request);
  }

  @GET
  @Path("/data/{flowRef}/{key}/{providerRef}")
  @Operation(
      summary = "SDMX data for a key and providers",
      description =
          "flowRef: COOP_STATS, COOPSTATS,COOP_STATS or COOPSTATS,COOP_STATS,1.0. key: one"
              + " position per dimension in key order (REF_AREA.MEASURE.COOP_TYPE.COOP_LEVEL."
              + "ACTIVITY.SEX.MEMBER_KIND.WORK_CAT), '+' between several codes, empty for all;"
              + " or all. providerRef: provider ids joined by '+', or all. Only released data."
              + " Media type by Accept ("
              + SdmxFormats.GENERIC_DATA
              + ", application/xml, "
              + SdmxFormats.STRUCTURE_SPECIFIC_DATA
              + ", "
              + SdmxFormats.SDMX_CSV
              + ", text/csv, "
              + SdmxFormats.SDMX_JSON
              + ") or format=genericdata|structurespecificdata|csv|jsondata. No data: 404. ETag"
              + " and Last-Modified change with each release: If-None-Match or If-Modified-Since"
              + " gives 304.")
  @APIResponse(
      responseCode = "200",
      description =
          "SDMX-ML 2.1 GenericData or StructureSpecificData, SDMX-CSV 1.0 or SDMX-JSON 1.0, with"
              + " ETag and Last-Modified",
      content = {
        @Content(mediaType = SdmxFormats.GENERIC_DATA),
        @Content(mediaType = SdmxFormats.STRUCTURE_SPECIFIC_DATA),
        @Content(mediaType = SdmxFormats.SDMX_CSV),
        @Content(mediaType = SdmxFormats.SDMX_JSON)
      })
  @APIResponse(
      responseCode = "304",
      description =
          "Not modified: no release since the ETag or date in If-None-Match or"
              + " If-Modified-Since")
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(ref = "PayloadTooLarge")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response data(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @BeanParam SdmxDataParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    return service.data(flowRef, key, providerRef, uriInfo, headers, request);
  }

  @GET
  @Path("/availableconstraint/{flowRef}")
  @Operation(
      summary = "SDMX availability of the dataflow",
      description = "See /availableconstraint/{flowRef}/{key}/{providerRef}/{componentID}.")
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message with an actual content constraint",
      content = @Content(mediaType = SdmxFormats.STRUCTURE_XML))
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response availabilityOfFlow(
      @PathParam("flowRef") String flowRef,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.availability(flowRef, null, null, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}")
  @Operation(
      summary = "SDMX availability for a key",
      description = "See /availableconstraint/{flowRef}/{key}/{providerRef}/{componentID}.")
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message with an actual content constraint",
      content = @Content(mediaType = SdmxFormats.STRUCTURE_XML))
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response availabilityOfKey(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.availability(flowRef, key, null, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}/{providerRef}")
  @Operation(
      summary = "SDMX availability for a key and providers",
      description = "See /availableconstraint/{flowRef}/{key}/{providerRef}/{componentID}.")
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message with an actual content constraint",
      content = @Content(mediaType = SdmxFormats.STRUCTURE_XML))
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response availabilityOfProviders(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.availability(flowRef, key, providerRef, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}/{providerRef}/{componentID}")
  @Operation(
      summary = "SDMX availability: the codes that have data",
      description =
          "The codes of each dimension (or of componentID; all for every dimension) that have"
              + " released data matching the key, providers and periods, and the time range"
              + " covered, as an actual ContentConstraint. mode=exact only; references=none only.")
  @APIResponse(
      responseCode = "200",
      description = "SDMX-ML 2.1 structure message with an actual content constraint",
      content = @Content(mediaType = SdmxFormats.STRUCTURE_XML))
  @APIResponse(ref = "BadRequest")
  @APIResponse(ref = "NotFound")
  @APIResponse(ref = "NotAcceptable")
  @APIResponse(responseCode = "501", description = "A parameter value not supported")
  public Response availability(
      @PathParam("flowRef") String flowRef,
      @PathParam("key") String key,
      @PathParam("providerRef") String providerRef,
      @PathParam("componentID") String componentId,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.availability(flowRef, key, providerRef, componentId, uriInfo, headers);
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
    return service.schema(context, agency, id, null, uriInfo, headers);
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
    return service.schema(context, agency, id, version, uriInfo, headers);
  }

  @GET
  @Path(
      "/{type: contentconstraint|categoryscheme|categorisation|agencyscheme"
          + "|dataproviderscheme|dataconsumerscheme|organisationunitscheme|organisationscheme"
          + "|hierarchicalcodelist|metadatastructure|metadataflow|provisionagreement|structureset"
          + "|process|reportingtaxonomy|attachmentconstraint|actualconstraint|allowedconstraint"
          + "|structure|metadata}{rest: (/.*)?}")
  @Operation(
      summary = "SDMX resources not offered",
      description = "Answers 501 with a problem naming what is offered.")
  @APIResponse(responseCode = "501", description = "Not implemented")
  public Response notImplemented(@PathParam("type") String type, @PathParam("rest") String rest) {
    throw SdmxDataRequest.notImplemented(
        "/sdmx/v2.1/"
            + type
            + " is not implemented. Offered: dataflow, datastructure, codelist, conceptscheme,"
            + " data, availableconstraint and schema.");
  }

  private static SdmxStructures.Type type(String type) {
    try {
      return SdmxStructures.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No SDMX structure type '" + type + "'.");
    }
  }
}
