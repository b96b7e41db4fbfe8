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

/**
 * The SDMX 2.1 REST API (the SDMX web-service grammar) for the COOP_STATS dataflow. Errors are
 * application/problem+json, with the status codes SDMX prescribes.
 */
@Path("/sdmx/v2.1")
public class SdmxResource {

  private static final String STRUCTURE_TYPES = "dataflow|datastructure|codelist|conceptscheme";

  private final SdmxService service;

  public SdmxResource(SdmxService service) {
    this.service = service;
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
    return service.structure(type(type), null, null, null, uriInfo, headers);
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
    return service.structure(type(type), agency, null, null, uriInfo, headers);
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
    return service.structure(type(type), agency, id, null, uriInfo, headers);
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
    return service.structure(type(type), agency, id, version, uriInfo, headers);
  }

  @GET
  @Path("/data/{flowRef}")
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
  public Response availabilityOfFlow(
      @PathParam("flowRef") String flowRef,
      @BeanParam SdmxAvailabilityParameters parameters,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    return service.availability(flowRef, null, null, null, uriInfo, headers);
  }

  @GET
  @Path("/availableconstraint/{flowRef}/{key}")
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
